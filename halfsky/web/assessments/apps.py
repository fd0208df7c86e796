from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "halfsky.web.assessments"
    label = "assessments"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        # Its kinds of background job join the queue's registry once the models exist.
        from halfsky.web.assessments import jobs  # noqa: F401
