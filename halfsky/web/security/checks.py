"""What ``halfsky check`` reports about security settings and accounts, in words."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_otp import user_has_device

from halfsky.web.security.middleware import totp_required

LEVEL_2_IDLE_MINUTES = 30
REQUIRED_MIDDLEWARE = {
    "axes.middleware.AxesMiddleware": "django-axes",
    "csp.middleware.CSPMiddleware": "Content-Security-Policy",
    "halfsky.web.security.middleware.SecurityGateMiddleware": "password change",
    "halfsky.web.security.middleware.DownloadAuditMiddleware": "download audit",
}


def settings_problems() -> list[str]:
    problems = []
    validators = {v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    if not {"MinimumLengthValidator", "CharacterClassesValidator",
            "UserAttributeSimilarityValidator"} <= validators:
        problems.append(_("The password rules are not all on: at least 8 characters, three "
                          "kinds of characters, not like the user name."))
    if settings.HALFSKY_SESSION_IDLE_MINUTES > LEVEL_2_IDLE_MINUTES:
        problems.append(_("Sessions stay open %(minutes)d minutes without use; level 2 asks "
                          "for at most 30: set HALFSKY_SESSION_IDLE_MINUTES to 30 or less.")
                        % {"minutes": settings.HALFSKY_SESSION_IDLE_MINUTES})
    if not getattr(settings, "AXES_ENABLED", True):
        problems.append(_("Login failures do not lock accounts (AXES_ENABLED is off)."))
    missing = [name for path, name in REQUIRED_MIDDLEWARE.items()
               if path not in settings.MIDDLEWARE]
    if missing:
        problems.append(_("Security middleware is missing: %(names)s.")
                        % {"names": ", ".join(missing)})
    return problems


def account_problems() -> list[str]:
    """With HALFSKY_TOTP on: the accounts that must give a second factor and have none.

    (Accounts that still have the demo password are ``deploy_checks``' demo accounts.)"""
    if not settings.HALFSKY_TOTP:
        return []
    without = sorted(u.get_username() for u in get_user_model().objects.filter(is_active=True)
                     if totp_required(u) and not user_has_device(u))
    if not without:
        return []
    return [_("These accounts have not set up their authenticator app yet "
              "(HALFSKY_TOTP is on): %(names)s.") % {"names": ", ".join(without)}]


def security_problems() -> list[str]:
    """Every security problem of this instance, one sentence each; empty when none."""
    return settings_problems() + account_problems()
