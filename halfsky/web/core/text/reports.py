"""Words of the reports and evaluations: refusals, notifications and the states of a
department's yearly report. (The phrases of the report files are ``report_phrases``.)"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

REPORT_SENTENCES = {
    "report.forbidden": _("You may not do this with reports."),
    "report.kind": _("Unknown report kind."),
    "report.year": _("The year is outside the plan period."),
    "report.not_draft": _("Only a draft report can be edited; generate it again to return it to draft."),
    "report.changed": _("Someone changed the report meanwhile; try again."),
    "report.state": _("This step does not fit the report's state."),
    "report.not_generated": _("Generate the report first."),
    "evaluation.kind": _("Unknown evaluation."),
    "evaluation.exists": _("This evaluation is already open."),
    "evaluation.forbidden": _("Only the lead department or the evaluation group may do this."),
    "evaluation.rating": _("Choose a rating."),
    "evidence.empty": _("The file is empty; nothing was stored."),
    "evidence.too_large": _("The file is larger than 10 MB; nothing was stored."),
    "evidence.type": _("Only PDF, Word, PNG and JPEG files are accepted; nothing was stored."),
    "evidence.name": _("The file's name does not match its content; nothing was stored."),
    "pdf.soffice_missing": _("No PDF: LibreOffice is not installed on the server "
                             "(Debian: libreoffice-writer-nogui). The Word file is ready."),
    "pdf.timeout": _("No PDF: LibreOffice took too long. The Word file is ready."),
    "pdf.failed": _("No PDF: LibreOffice could not convert the report. The Word file is ready."),
    # yearly reports of the departments
    "year_report.forbidden": _("You may not do this with this department's report."),
    "year_report.year": _("%(year)s is outside the plan period %(start)s–%(end)s."),
    "year_report.not_editable": _(
        "The report has been submitted; the coordinator must return it before it can be "
        "changed."),
    "year_report.incomplete": _(
        "Write both the implementation of the plan and next year's work before submitting."),
    "year_report.comment_required": _("Say in a comment what the department should change."),
    "year_report.not_submitted": _("Only a submitted report can be returned."),
    "year_report.submitted": _("%(department)s submitted its yearly report for %(year)s: please read it."),
    "year_report.returned": _("The yearly report of %(department)s for %(year)s was returned with a comment."),
}

# The states of a department's yearly report: 未填写, 草稿, 已报送, 已退回.
YEAR_REPORT_STATE = {
    "": pgettext_lazy("year report state", "Not filed"),
    "draft": pgettext_lazy("year report state", "Draft"),
    "submitted": pgettext_lazy("year report state", "Submitted"),
    "returned": pgettext_lazy("year report state", "Returned"),
}
