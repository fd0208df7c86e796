"""Password rules of 等级保护 2.0 level 2 and when a password must be changed."""

from __future__ import annotations

import string
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The demo accounts' password: known to everyone, so an account that has it must change it.
DEMO_PASSWORD = "halfsky-demo"

CHARACTER_CLASSES = (
    frozenset(string.ascii_lowercase),
    frozenset(string.ascii_uppercase),
    frozenset(string.digits),
)


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password has."""
    used = sum(1 for letters in CHARACTER_CLASSES if letters.intersection(password))
    others = any(not any(c in letters for letters in CHARACTER_CLASSES) for c in password)
    return used + (1 if others else 0)


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case letters, capitals, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(count)d kind of character: lower-case letters, "
            "capital letters, digits, other characters.",
            "Your password must mix at least %(count)d kinds of characters: lower-case letters, "
            "capital letters, digits, other characters.",
            self.min_classes) % {"count": self.min_classes}


def password_expired(user: Any, now: Any = None) -> bool:
    """True when HALFSKY_PASSWORD_MAX_AGE_DAYS is set and the password is older."""
    days = settings.HALFSKY_PASSWORD_MAX_AGE_DAYS
    profile = getattr(user, "profile", None)
    if days <= 0 or (profile is None and not user.is_superuser):
        return False  # an account without a role reaches no page anyway
    changed = (profile.password_changed_at if profile is not None else None) or user.date_joined
    return bool(changed + timedelta(days=days) <= (now or timezone.now()))


def password_change_reason(user: Any) -> str:
    """Why the user must change the password now, in words; empty when not."""
    profile = getattr(user, "profile", None)
    if profile is not None and profile.must_change_password:
        return _("Your password was given to you by someone else: choose your own before you go on.")
    if password_expired(user):
        return _("Your password has expired: choose a new one before you go on.")
    return ""
