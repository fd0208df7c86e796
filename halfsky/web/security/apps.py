from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "halfsky.web.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from halfsky.web.security import events  # noqa: F401 (connects the signal receivers)
