"""The security events of the audit trail, named for the administrator's search page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECURITY_EVENTS = {
    "security.login": _("Login"),
    "security.login_failed": _("Login failure"),
    "security.lockout": _("Lockout"),
    "security.unlock": _("Unlock"),
    "security.logout": _("Logout"),
    "security.password_change": _("Password change"),
    "security.totp_enrol": _("Authenticator app set up"),
    "security.totp_failed": _("Wrong authenticator code"),
    "security.download": _("Download or export"),
    "account.ensure": _("Account created or reset"),
    "account.admin_change": _("Account, role or permission change"),
    "token.create": _("API token created"),
    "token.revoke": _("API token revoked"),
}
