from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValuesConfig(AppConfig):
    """Reporting rounds, departments' tasks and the values they collect.

    The label stays ``data`` (the app's first name): the database tables, the
    migrations, the permission names (``data.submit_task`` …) and the URL names
    (``data:task`` …) keep it, so existing instances upgrade without a rename.
    """

    name = "halfsky.web.values"
    label = "data"
    verbose_name = _("Reporting and values")

    def ready(self) -> None:
        # Its kinds of background job join the queue's registry once the models exist.
        # A starting worker deletes the staged history files older than 7 days.
        from halfsky.web.jobs.kinds import on_worker_start
        from halfsky.web.values import jobs  # noqa: F401
        from halfsky.web.values.actions.earlier_years import purge_staged_history

        on_worker_start(purge_staged_history)
