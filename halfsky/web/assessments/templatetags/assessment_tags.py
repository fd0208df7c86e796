"""Template helpers of the assessment pages: status badges, numbers, the warning banner."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext, pgettext

from halfsky.web.assessments.models import AssessmentMethod
from halfsky.web.assessments.queries import banner
from halfsky.web.core.addresses import reverse
from halfsky.web.core.html import printed
from halfsky.web.core.text import assessment as labels
from halfsky.web.core.text import join_clauses
from halfsky.web.core.text.targets import number

register = template.Library()


_BADGES: dict[tuple[str, str], SafeString] = {}  # (language, status) → its badge


@register.simple_tag
def status_badge(code: str) -> SafeString:
    """The status in colour AND words (a symbol too): never colour alone. Written once per
    language and status (a table shows one per row)."""
    key = (get_language() or "", code)
    found = _BADGES.get(key)
    if found is None:
        found = _BADGES[key] = format_html(
            '<span class="status tone-{}" data-status="{}"><span aria-hidden="true">{}</span> '
            "{}</span>", labels.STATUS_TONE.get(code, "none"), code,
            labels.STATUS_SYMBOL.get(code, "·"), labels.STATUS.get(code, code))
    return found


@register.filter
def status_label(code: str) -> str:
    return str(labels.STATUS.get(code, code))


# The labels are lazy: each call still gives the active language's words.
METHOD_LABELS = dict(AssessmentMethod.choices)


@register.filter
def method_label(code: str) -> str:
    return str(METHOD_LABELS.get(code, code))


@register.filter
def engine_warnings(codes: list[str]) -> str:
    return join_clauses(labels.ENGINE_WARNING.get(c, c) for c in codes or [])


@register.filter
def step_label(action: str) -> str:
    return str(labels.WARNING_STEPS.get(action, action))


@register.filter
def value(x: Any, decimals: int = 2) -> str:
    """A figure rounded for reading: 78.1266 → 78.13; None or NaN → ''."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return number(round(float(x), int(decimals)))


@register.filter
def percent(ratio: Any) -> str:
    """0.456 → 45.6%; None → ''."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return ""
    return f"{number(round(float(ratio) * 100, 1))}%"



@register.simple_tag
def result_cells(result: Any) -> SafeString:
    """The eight cells of one result (target … method), built in Python: the tables
    have a row per result, and the same cells in template code cost several times more."""
    status, kind = result.status, result.target_kind
    cells = [f"<td>{conditional_escape(getattr(result, 'target_words', '') or gettext('good direction'))}</td>",
             f"\n      <td>{status_badge(status)}"]
    if kind == "qualitative" and status == "no_data":
        cells.append(f'<br><span class="meta">{printed(gettext("rated by the evaluators"))}</span>')
    cells.append('</td>\n      <td class="num">')
    if result.latest_value is not None:
        cells.append(f'{printed(value(result.latest_value))}<br><span class="meta">'
                     f"{printed(result.latest_year)}</span>")
    else:
        cells.append("—")
    shown = getattr(result, "achievement_shown", None)
    shown_kind = shown.kind if shown is not None else ""
    cells.append(f'</td>\n      <td class="num" data-achievement="{printed(shown_kind)}">')
    if shown_kind == "met":
        cells.append(printed(pgettext("achievement", "met")))
    elif shown is not None and shown_kind == "percent":
        cells.append(printed(percent(shown.ratio)))
    else:
        cells.append("—")
    cells.append(f'</td>\n      <td class="num">{printed(percent(result.time_elapsed) or "—")}</td>'
                 '\n      <td class="num">')
    if result.forecast is not None and kind != "none":
        cells.append(printed(value(result.forecast)))
    else:
        cells.append("—")
    cells.append("</td>\n      <td>")
    if status == "insufficient_evidence" and result.pooled_value is not None:
        words = gettext("pooled rate of %(years)s years: %(value)s (%(low)s–%(high)s)") % {
            "years": printed(result.pooled_years), "value": printed(value(result.pooled_value)),
            "low": printed(value(result.pooled_low)), "high": printed(value(result.pooled_high))}
        cells.append(f'<span class="pooled">{words}</span>')
    elif result.interval_low is not None:
        cells.append(f"{printed(value(result.interval_low))}–{printed(value(result.interval_high))}")
    else:
        cells.append("—")
    cells.append(f'</td>\n      <td class="meta">{printed(method_label(result.method))}</td>\n')
    return mark_safe("".join(cells))  # every piece above is escaped


@register.simple_tag
def rate_rows(rates: Any) -> SafeString:
    """The rows of a table of 达标率 (``assessments/_rates.html``), built in Python."""
    parts = []
    for rate in rates:
        parts.append(f'<tr data-group="{printed(rate.key)}"><th scope="row">{printed(rate.label)}'
                     f'</th><td class="num">{printed(rate.met)}</td><td class="num">'
                     f'{printed(rate.monitored)}</td><td class="num">{printed(rate.total)}</td>')
        for kind, shown in (("all", rate.rate_all), ("monitored", rate.rate_monitored)):
            parts.append(f'<td class="num" data-rate="{kind}">'
                         f'{"—" if shown is None else printed(shown) + "%"}</td>')
        parts.append("</tr>")
    return mark_safe("".join(parts))  # every piece above is escaped


@register.simple_tag(takes_context=True)
def assessment_rows(context: template.Context, rows: Any) -> SafeString:
    """The rows of one domain's table on the assessment page (a row per result, the
    indicator's cell spanning its results), built in Python like ``result_cells``."""
    warnings = conditional_escape(reverse("assessments:warnings", args=[context["plan"].code]))
    parts: list[str] = []
    for row in rows:
        indicator = row.indicator
        code, name = printed(indicator.code), printed(indicator.name)
        link = f'<a href="{conditional_escape(indicator.get_absolute_url())}">{name}</a>'
        if not row.results:
            parts.append(f'\n    <tr data-indicator="{code}" data-status="no_data"><th scope="row">'
                         f"{link} <code>{code}</code></th><td></td><td>"
                         f'{status_badge("no_data")}</td><td colspan="7"></td></tr>\n    ')
            continue
        span = printed(len(row.results))
        lead = indicator.lead_name if indicator.lead_id else ""  # read with the indicator
        for place, result in enumerate(row.results):
            first = place == 0
            parts.append(f'\n    <tr data-indicator="{code}" data-status="{printed(result.status)}">'
                         "\n      ")
            if first:
                parts.append(f'<th scope="row" rowspan="{span}">{link} <code>{code}</code><br>'
                             f'<span class="meta">{printed(lead or "—")}</span></th>')
            parts.append(f"\n      {result_cells(result)}\n      ")
            if first:
                parts.append(f'<td rowspan="{span}">')
                if row.open_warnings:
                    count = ngettext("%(n)s open", "%(n)s open", row.open_warnings) % {
                        "n": printed(row.open_warnings)}
                    parts.append(f'<a href="{warnings}?state=awaiting" class="warning-count">'
                                 f"{count}</a>")
                parts.append("</td>")
            parts.append("\n    </tr>\n    ")
    return mark_safe("".join(parts))  # every piece above is escaped


@register.inclusion_tag("assessments/_warning_banner.html", takes_context=True)
def warning_banner(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    plan = context.get("plan")
    return {"banner": banner(user, plan) if user is not None and plan is not None else {}}
