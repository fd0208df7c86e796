from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataConfig(AppConfig):
    name = "halfsky.web.data"
    label = "data"
    verbose_name = _("Data")

    def ready(self) -> None:
        # Its kinds of background job join the queue's registry once the models exist.
        from halfsky.web.data import jobs  # noqa: F401
