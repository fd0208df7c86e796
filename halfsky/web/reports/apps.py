from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "halfsky.web.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Its kinds of background job join the queue's registry once the models exist.
        from halfsky.web.reports import jobs  # noqa: F401
