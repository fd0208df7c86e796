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
        from halfsky.web.values import jobs  # noqa: F401
