from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueTokenForm(forms.Form):
    area = forms.ModelChoiceField(queryset=None, label=_("Child area"))  # type: ignore[arg-type]
    name = forms.CharField(label=_("Name"), max_length=100, required=False,
                           help_text=_("e.g. the county's instance; the area's name if empty"))

    def __init__(self, children: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = children  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    url = forms.URLField(label=_("Address"), max_length=300, assume_scheme="http",
                         help_text=_("e.g. http://10.1.2.3:8000 — the other instance's start page"))
    token = forms.CharField(label=_("Token"), max_length=100,
                            help_text=_("as the other instance issued it"))


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("take", _("Take the received value")), ("keep", _("Keep the stored value"))])
    comment = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(
        attrs={"rows": 2}))


class MappingForm(forms.Form):
    indicator = forms.CharField(max_length=20)
    parent_plan = forms.CharField(label=_("Parent plan"), max_length=80, required=False)
    parent_indicator = forms.CharField(label=_("Parent plan's indicator"), max_length=200,
                                       required=False)
    factor = forms.FloatField(label=_("Factor"), required=False, initial=1,
                              min_value=1e-6, max_value=1e6,
                              help_text=_("a value here × factor = the value in the parent's unit"))
