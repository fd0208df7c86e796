from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "halfsky.web.imports"
    label = "imports"
    verbose_name = _("Plan import")
