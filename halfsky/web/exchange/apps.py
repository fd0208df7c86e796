from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "halfsky.web.exchange"
    label = "exchange"
    verbose_name = _("Exchange between levels")

    def ready(self) -> None:
        # Its kinds of background job join the queue's registry once the models exist.
        from halfsky.web.exchange import jobs  # noqa: F401
