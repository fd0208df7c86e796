"""Words of the exchange between instances: refusals, notifications, outcomes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

EXCHANGE_SENTENCES = {
    "exchange.not_allowed": _("Only the coordinator, the statistics bureau or an administrator may change the exchange settings."),
    "exchange.not_a_child": _("%(area)s is not an area directly below this instance's region."),
    "exchange.other_area": _("This token may deliver the values of %(allowed)s only, not of %(area)s: nothing was stored."),
    "exchange.bad_batch": _("The batch's id does not match its values (damaged in transit?): nothing was stored."),
    "exchange.busy": _("The same batch is being received right now; try again in a moment."),
    "exchange.no_parent": _("No parent instance is set: enter its address and the token it issued first."),
    "exchange.no_child_source": _("No address is set to pull the values of %(area)s from."),
    "exchange.no_plan": _("This instance has no plan loaded."),
    "exchange.bad_url": _("Enter the instance's address starting with http:// or https://."),
    "exchange.bad_token": _("Enter the token exactly as it was issued (no spaces)."),
    "exchange.unreachable": _("The other instance at %(url)s cannot be reached (%(reason)s). Nothing was lost: push again when the connection is back; what arrived already is not sent twice."),
    "exchange.refused": _("The other instance refused the values (%(status)s %(reason)s)."),
    "exchange.bad_reply": _("The other instance at %(url)s did not answer with HalfSky values."),
    "exchange.conflict_closed": _("This conflict was already settled."),
    "exchange.comment_required": _("Say why you decide so: the comment is kept with the value."),
    "exchange.conflict": _("A value received for %(indicator)s (%(area)s, %(year)s) differs from the one stored here: please decide which is right."),
    "exchange.conflicts": ngettext_lazy(
        "A delivery from %(area)s brought %(count)s value that differs from the one stored here: please decide which is right.",
        "A delivery from %(area)s brought %(count)s values that differ from those stored here: please decide which are right.",
        "count"),
    "exchange.repeated_keys": _("The batch names the same value more than once (%(keys)s): nothing was stored. Send each value once."),
    "exchange.refused_values": ngettext_lazy(
        "%(count)s value of the batch fails the checks of the entry form: nothing was stored. Correct it and send the batch again.",
        "%(count)s values of the batch fail the checks of the entry form: nothing was stored. Correct them and send the batch again.",
        "count"),
    "exchange.unknown_indicator": _("The plan has no indicator %(indicator)s."),
    "exchange.bad_mapping": _("This mapping cannot be saved: the parent plan must be one the plan implements, the factor a positive number, and no two indicators may map to the same parent indicator."),
}
