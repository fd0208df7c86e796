from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "halfsky.web.assessments"
    label = "assessments"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        # Once the models exist: its kind of background job joins the queue, its
        # reassessment rule follows every change of approved values, and a starting
        # worker takes up the years left pending.
        from halfsky.web.assessments import background, jobs, reassess
        from halfsky.web.jobs.kinds import on_worker_start
        from halfsky.web.values.actions.store import on_approved_change

        del jobs  # registered by importing it
        on_approved_change(reassess.request_reassessment)
        on_worker_start(background.resume_pending)
