from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "halfsky.web.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Its kinds of background job join the queue's registry once the models exist;
        # a starting worker sets up a LibreOffice profile for the first PDF.
        from halfsky.web.jobs.kinds import on_worker_start
        from halfsky.web.reports import jobs, rendering

        del jobs  # registered by importing it
        on_worker_start(rendering.warm_pdf_in_background)
