"""The words of the report actions' refusal codes (translated when shown)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from halfsky.web.data.actions.errors import ActionError

MESSAGES = {
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
}


def error_text(error: ActionError) -> str:
    return str(MESSAGES.get(error.code, error.code))
