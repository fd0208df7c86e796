"""Forms of the reporting workflow; every value is checked again by the actions."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halfsky.formats.uploads import NotANumber, parse_number_text
from halfsky.web.core.inputs import MAX_ID, no_control_characters
from halfsky.web.values.models import ValueFlag


class OpenRoundForm(forms.Form):
    year = forms.IntegerField(label=_("Data year"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    election_year = forms.BooleanField(
        label=_("Village-committee election year"), required=False,
        help_text=_("Include the indicators reported in election years."),
    )

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline must not be in the past."))
        return deadline


class ValueForm(forms.Form):
    """One row of the entry form; numbers accept full-width digits and thousands commas."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    value = forms.CharField(label=_("Value"), required=False)
    numerator = forms.CharField(label=_("Numerator"), required=False)
    denominator = forms.CharField(label=_("Denominator"), required=False)
    flag = forms.ChoiceField(label=_("Flag"), choices=ValueFlag.choices, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500,
                           validators=[no_control_characters])
    source = forms.CharField(label=_("Source"), required=False, max_length=200,
                             validators=[no_control_characters])
    explanation = forms.CharField(label=_("Explanation"), required=False, max_length=1000,
                                  validators=[no_control_characters])

    def _number(self, name: str) -> float | None:
        raw = (self.cleaned_data.get(name) or "").strip()
        try:  # as the Excel upload and the history import read numbers
            parsed = parse_number_text(raw)
        except NotANumber:
            raise forms.ValidationError(
                _("“%(text)s” is not a number."), params={"text": raw}, code="not_a_number"
            ) from None
        return None if parsed is None else parsed[0]

    def clean_value(self) -> float | None:
        return self._number("value")

    def clean_numerator(self) -> float | None:
        return self._number("numerator")

    def clean_denominator(self) -> float | None:
        return self._number("denominator")


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             validators=[no_control_characters])


class ReasonForm(forms.Form):
    """Why a closed round is reopened."""

    reason = forms.CharField(label=_("Reason"), max_length=500)
