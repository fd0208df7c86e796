"""Words for the steps of a value's history."""

from django.utils.translation import gettext_lazy as _

STEPS = {
    "open": _("round opened"),
    "edit": _("edited"),
    "import": _("imported"),
    "upload": _("uploaded from Excel"),
    "submit": _("submitted"),
    "confirm": _("confirmed by the head"),
    "approve": _("approved"),
    "return": _("returned"),
    "reopen": _("reopened"),
    "exchange": _("received from another level"),
    "aggregate": _("summed from the townships"),
}
