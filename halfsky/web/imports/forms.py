"""Forms of the review screen: upload, target correction, publication."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from halfsky.domain.targets import Comparator, TargetKind
from halfsky.formats.plan_import import MAX_DOCUMENT_BYTES
from halfsky.web.core.text import sentence
from halfsky.web.imports.actions import TargetEdit, comparator_allowed
from halfsky.web.orgs.models import Area, Department

KIND_LABELS = {
    "threshold": _("threshold (reach a value)"),
    "approximate": _("approximately a value"),
    "maintain": _("maintain every year"),
    "increase": _("increase"),
    "decrease": _("decrease"),
    "gap_narrows": _("gap narrows"),
    "growth_slows": _("growth slows"),
    "full_coverage": _("full coverage"),
    "relative": _("not below another indicator"),
    "qualitative": _("qualitative (judged by evaluators)"),
}
ACCEPT = ".docx,.pdf,.html,.htm,.md,.markdown,.txt"


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("Word (.docx), PDF with text, HTML saved from a government site, "
                    "Markdown or plain text; at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_DOCUMENT_BYTES:  # refused before it is read
            raise forms.ValidationError(sentence(
                "plan_import.too_large", {"size": upload.size, "limit": MAX_DOCUMENT_BYTES}))
        if upload.size == 0:
            raise forms.ValidationError(sentence("plan_import.empty"))
        return upload


class TargetForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    department = forms.ModelChoiceField(
        label=_("Reporting department"), queryset=Department.objects.all(), required=False,
        empty_label=_("— unassigned —"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=list(KIND_LABELS.items()))
    comparator = forms.ChoiceField(
        label=_("Comparator"), required=False,
        choices=[("", "—")] + [(c.value, c.symbol) for c in Comparator],
    )
    value = forms.FloatField(label=_("Value"), required=False)
    tolerance = forms.FloatField(label=_("Tolerance (±)"), required=False, min_value=0)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    year = forms.IntegerField(label=_("Target year"), required=False)

    def __init__(self, *args: Any, start_year: int, end_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_year, self.end_year = start_year, end_year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, comparator = data.get("kind"), data.get("comparator") or ""
        if not kind:
            return data
        numeric = kind in (TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN)
        if kind == TargetKind.APPROXIMATE:
            data["comparator"] = comparator = Comparator.APPROX.value
            if not data.get("tolerance"):
                self.add_error("tolerance", _("An approximate target needs a tolerance above 0."))
        if kind == TargetKind.FULL_COVERAGE:
            data.update(comparator=Comparator.GE.value, value=100.0, unit=data.get("unit") or "%")
        if numeric:
            if data.get("value") is None:
                self.add_error("value", _("This kind of target needs a value."))
            if not comparator:
                self.add_error("comparator", _("This kind of target needs a comparator."))
            elif not comparator_allowed(kind, comparator):
                self.add_error("comparator", _("This comparator does not fit the kind of target."))
            value = data.get("value")
            if value is not None and data.get("unit") == "%" and not 0 <= value <= 100:
                self.add_error("value", _("A percentage lies between 0 and 100."))
            if value is not None and value < 0:
                self.add_error("value", _("The value cannot be negative."))
        year = data.get("year")
        if year is not None and not self.start_year <= year <= self.end_year:
            self.add_error("year", _("The year must lie within the plan period %(start)s–%(end)s.")
                           % {"start": self.start_year, "end": self.end_year})
        return data

    def edit(self) -> TargetEdit:
        data = self.cleaned_data
        return TargetEdit(
            name=data["name"].strip(), department=data.get("department"), kind=data["kind"],
            comparator=data.get("comparator") or "", value=data.get("value"),
            tolerance=data.get("tolerance"), unit=(data.get("unit") or "").strip(),
            year=data.get("year"),
        )


class PublishForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Area.objects.all(),
                                    empty_label=_("— choose the plan's region —"))
    code = forms.CharField(label=_("Plan code"), max_length=80, validators=[validate_slug],
                           help_text=_("Letters, digits and hyphens; used in addresses."))
    title = forms.CharField(label=_("Title"), max_length=200)
