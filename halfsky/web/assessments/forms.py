"""Forms of the warning workflow: the department's answer, the coordinator's decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AnswerForm(forms.Form):
    cause_analysis = forms.CharField(
        label=_("Cause analysis"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the indicator is off course: the facts behind the figures."))
    corrective_actions = forms.CharField(
        label=_("Corrective actions"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the department will do, by when."))


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
