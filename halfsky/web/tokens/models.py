"""Personal API tokens, and what every token row holds.

Only a SHA-256 hash of a key is stored, with a short prefix to recognise it
by; the key itself is shown once, when it is created. ``IssuedKey`` is that
shared part, also of the exchange tokens a parent issues to its children
(``exchange.ChildAccess``). An API token acts with exactly its user's role and
department. Rows are written by ``actions.py``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halfsky.web.tokens.keys import hash_key, looks_like_key


class IssuedKey(models.Model):
    """A key issued once and stored as its hash; revoked, never deleted."""

    KEY_START = "hs_"  # how the keys of this kind of token start

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16)
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def unrevoked_with_key(cls, key: str) -> models.QuerySet[Any]:
        """The unrevoked rows whose key this is (none for a key of another kind)."""
        manager = cls._default_manager
        if not looks_like_key(key, cls.KEY_START):
            return manager.none()
        return manager.filter(key_hash=hash_key(key), revoked_at__isnull=True)


class ApiToken(IssuedKey):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("user"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
