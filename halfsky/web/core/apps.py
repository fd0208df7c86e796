from django import forms
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from halfsky.web.core.inputs import no_control_characters


class CoreConfig(AppConfig):
    name = "halfsky.web.core"
    label = "core"
    verbose_name = _("Common")

    def ready(self) -> None:
        # Every text field of every form refuses NUL and the other control characters
        # (tab and line breaks stay): PostgreSQL refuses NUL in text, and a control
        # character is never meant. Django adds its own NUL check beside this one.
        forms.CharField.default_validators = [no_control_characters]
