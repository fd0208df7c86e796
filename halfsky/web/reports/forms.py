from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from halfsky.web.core.text import sentence
from halfsky.web.reports.evidence import MAX_EVIDENCE_BYTES
from halfsky.web.reports.models import GoalRatingChoice, ReportKind, SelfRating

TEXT_LABELS = {
    "issuer": _("Issued by"),
    "context": _("Background (基本情况)"),
    "summary": _("Overall assessment (总体评价)"),
    "process": _("How the evaluation was done (评估工作开展情况)"),
    "problems": _("Problems (存在的问题)"),
    "causes": _("Causes (原因分析)"),
    "suggestions": _("Recommendations (对策建议)"),
}


class TextsForm(forms.Form):
    def __init__(self, fields: tuple[str, ...], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in fields:
            widget = forms.TextInput() if name == "issuer" else forms.Textarea(attrs={"rows": 6})
            self.fields[name] = forms.CharField(label=TEXT_LABELS[name], required=False,
                                                widget=widget)


class NewReportForm(forms.Form):
    year = forms.IntegerField(label=_("Data year"))


class OpenEvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Evaluation"), choices=[
        (ReportKind.MIDTERM.value, _("Mid-term evaluation (2023)")),
        (ReportKind.FINAL.value, _("Final evaluation (2025)"))])


class ItemForm(forms.Form):
    text = forms.CharField(label=_("Implementation (落实情况)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    self_rating = forms.ChoiceField(label=_("Self-rating"), choices=SelfRating.choices)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"), help_text=_(
        "PDF, Word, PNG or JPEG, at most 10 MB."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_EVIDENCE_BYTES:  # refused before it is read into memory
            raise forms.ValidationError(sentence("evidence.too_large"))
        return upload


class ReviewForm(forms.Form):
    rating = forms.ChoiceField(label=_("Evaluation group's rating"))
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, is_goal: bool, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = GoalRatingChoice.choices if is_goal else SelfRating.choices
        self.fields["rating"].choices = choices  # type: ignore[attr-defined]


class YearReportForm(forms.Form):
    implementation = forms.CharField(
        label=_("Implementation of the plan this year (规划落实情况)"), required=False,
        widget=forms.Textarea(attrs={"rows": 10}))
    next_year = forms.CharField(
        label=_("Work planned for the next year (下一年工作安排)"), required=False,
        widget=forms.Textarea(attrs={"rows": 8}))


class ReturnYearReportForm(forms.Form):
    comment = forms.CharField(label=_("Comment for the department"),
                              widget=forms.Textarea(attrs={"rows": 3}))
