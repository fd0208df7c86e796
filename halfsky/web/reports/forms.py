from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from halfsky.web.core.inputs import no_control_characters
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


# What goes into each section, and where the report prints it.
TEXT_HELP = {
    "issuer": _("The issuing office printed under the title, e.g. 吉县妇女儿童工作委员会办公室."),
    "context": _("Section 一、基本情况: the county and this year's work for women, in a few "
                 "paragraphs. The numbers and judgements follow from the values: do not "
                 "repeat them here."),
    "summary": _("The opening of section 一、总体评价, before the judgements the report draws "
                 "from the values: the plan's progress in a few sentences."),
    "process": _("Section 二、评估工作开展情况: who evaluated the plan, how (self-evaluation "
                 "by the departments, review by the evaluation group, field visits) and when."),
    "problems": _("存在的问题: problems in your words, printed after those the report lists "
                  "from the warnings."),
    "causes": _("原因分析: why the problems arose."),
    "suggestions": _("对策建议: what should be done next, and by whom."),
}
MAX_SECTION = 20_000  # characters of one section (a few pages)


class TextsForm(forms.Form):
    """The report's editable sections: one labelled field per section, with what goes there."""

    def __init__(self, fields: tuple[str, ...], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in fields:
            issuer = name == "issuer"
            widget = forms.TextInput() if issuer else forms.Textarea(attrs={"rows": 8})
            self.fields[name] = forms.CharField(
                label=TEXT_LABELS[name], help_text=TEXT_HELP[name], required=False,
                widget=widget, max_length=200 if issuer else MAX_SECTION,
                validators=[no_control_characters])


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
