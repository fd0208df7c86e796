from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "halfsky.web.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from halfsky.web.orgs import account_events  # the receivers, connected once the models are

        account_events.connect()
