"""Putting the phrases of a report together: every sentence template and label, by code.

The report models (``halfsky.domain.reports``) say everything as message
codes with parameters; the renderers look each code up in the caller's
``phrases`` and put the parameters into the phrase's ``{name}`` places. The
phrases themselves live in one place, the web layer's catalogue
(``halfsky.web.core.text.report_phrases``: English in the code, Chinese — the
wording of the official documents — in its translations); this layer holds no
wording of its own. A code the phrases lack is a ``PhraseError``.

A code under ``group.`` without a phrase prints the group's own name (an
age band such as ``15-19``).
"""

from __future__ import annotations

from collections.abc import Mapping

from halfsky.domain.errors import CodedError
from halfsky.domain.reports.messages import Join, Message, Text

_CLAUSE = "{year}, {indicator} was {value}{unit}"

# Sentences of 分领域情况 (see halfsky.domain.reports.indicators), English wording.
_SENTENCES = {
    "report.level_rose_good": _CLAUSE + ", up {change} {change_unit} on the year before; {status}.",
    "report.level_rose_bad": _CLAUSE + ", up {change} {change_unit} on the year before; {status}.",
    "report.level_rose": _CLAUSE + ", up {change} {change_unit} on the year before; {status}.",
    "report.level_fell_good": _CLAUSE
    + ", down {change} {change_unit} on the year before; {status}.",
    "report.level_fell_bad": _CLAUSE
    + ", down {change} {change_unit} on the year before; {status}.",
    "report.level_fell": _CLAUSE + ", down {change} {change_unit} on the year before; {status}.",
    "report.level_unchanged": _CLAUSE + ", the same as the year before; {status}.",
    "report.count_rose_good": _CLAUSE + ", {change} {change_unit} more than the year before;"
    " {status}.",
    "report.count_rose_bad": _CLAUSE + ", {change} {change_unit} more than the year before;"
    " {status}.",
    "report.count_rose": _CLAUSE + ", {change} {change_unit} more than the year before; {status}.",
    "report.count_fell_good": _CLAUSE + ", {change} {change_unit} fewer than the year before;"
    " {status}.",
    "report.count_fell_bad": _CLAUSE + ", {change} {change_unit} fewer than the year before;"
    " {status}.",
    "report.count_fell": _CLAUSE + ", {change} {change_unit} fewer than the year before;"
    " {status}.",
    "report.count_unchanged": _CLAUSE + ", the same as the year before; {status}.",
    "report.value_only": _CLAUSE + "; {status}.",
    "report.latest_only": "{indicator}: no value for {year}; {latest_year}: {value}{unit};"
    " {status}.",
    "report.no_data": "{indicator}: no data for {year}.",
}

DEFAULT_PHRASES: Mapping[str, str] = {
    # title block and headings
    "report.annual.title": "{plan}: monitoring report {year}",
    "report.midterm.title": "{plan}: mid-term evaluation report",
    "report.final.title": "{plan}: final evaluation report",
    "report.compendium.title": "{plan}: statistical compendium {year}",
    "report.sample_notice": "Sample data (not official statistics)",
    "report.annual.context": "Background",
    "report.annual.overall": "Overview",
    "report.annual.domains": "Domains",
    "report.annual.problems": "Problems",
    "report.annual.suggestions": "Recommendations",
    "report.appendix": "Appendix",
    "report.text_missing": "(to be written)",
    "heading.1": "{n}. {title}",
    "heading.2": "({n}) {title}",
    "heading.3": "{n}. {title}",
    "footer.page": "— {page} —",
    "list.separator": "; ",
    "list.enumeration": ", ",
    # overview
    "report.plan_scope": "{plan} sets {domains} domains, {goals} main goals, {measures}"
    " strategy measures and {indicators} monitoring indicators. This report uses the values"
    " for {year} reported by the member departments and approved.",
    "report.overall": "In {year}, of the plan's {total} monitoring indicators: {counts}.",
    "report.count": "{status} {count}",
    "report.attainment": "{met} indicators are met: an attainment rate of {rate_all}% of all"
    " {total} indicators, {rate_monitored}% of the {monitored} with data.",
    "report.attainment_none": "There are no values yet; no attainment rate can be given.",
    "report.domain_summary": "{domain} has {total} monitoring indicators: {counts};"
    " attainment rate {rate_all}%.",
    "report.chart_caption": "Figure {number}. {domain}: monitoring indicators",
    "report.table.domains": "Table {number}. Indicators met by domain, {year}",
    "report.table.appendix": "Appendix table {number}. Monitoring indicators, {year}",
    "report.table.progress": "Table {number}. Achievement against time elapsed",
    **_SENTENCES,
    "report.status_clause.met": "the target is met",
    "report.status_clause.expected_to_meet": "on course to meet the target",
    "report.status_clause.at_risk": "the target is at risk",
    "report.status_clause.moving_away": "moving away from the target",
    "report.status_clause.insufficient_evidence": "too few cases to judge",
    "report.status_clause.no_data": "not yet assessed",
    "status.met": "met",
    "status.expected_to_meet": "expected to meet",
    "status.at_risk": "at risk",
    "status.moving_away": "moving away",
    "status.insufficient_evidence": "insufficient evidence",
    "status.no_data": "no data",
    "unit.percentage_point": "percentage points",
    "unit.permille_point": "per-mille points",
    "unit.per_10k_point": "points per 10,000",
    "unit.per_100k_point": "points per 100,000",
    "group.total": "Total",
    "group.female": "women",
    "group.male": "men",
    "group.girls": "girls",
    "group.boys": "boys",
    "group.urban": "urban",
    "group.rural": "rural",
    # targets (codes of halfsky.domain.target_checks.describe_target)
    "target.threshold.ge": "≥ {quantity}",
    "target.threshold.gt": "> {quantity}",
    "target.threshold.le": "≤ {quantity}",
    "target.threshold.lt": "< {quantity}",
    "target.threshold.eq": "= {quantity}",
    "target.approximate": "about {quantity} (±{tolerance})",
    "target.maintain.ge": "≥ {quantity} every year",
    "target.maintain.gt": "> {quantity} every year",
    "target.maintain.le": "≤ {quantity} every year",
    "target.maintain.lt": "< {quantity} every year",
    "target.maintain.eq": "= {quantity} every year",
    "target.maintain.approx": "about {quantity} (±{tolerance}) every year",
    "target.increase": "rises",
    "target.decrease": "falls",
    "target.gap_narrows": "gap between {group_a} and {group_b} narrows",
    "target.growth_slows": "rise slows",
    "target.full_coverage": "full coverage",
    "target.relative": "not below {relative_to}",
    "target.qualitative": "qualitative",
    "report.no_target": "—",
    # problems
    "warning.forecast_miss": "on present trends the target ({target}) will be missed in"
    " {target_year}",
    "warning.moving_away": "moving away from the target",
    "warning.volatile": "large swings between years",
    "warning.small_numbers": "too few cases to tell the change",
    "warning.missing": "no value for {year}",
    "report.problem": "{number}. {indicator}: {value}{unit} in {year}; {findings}.",
    "report.problem_no_value": "{number}. {indicator}: {findings}.",
    "report.response": "{department} gives as causes: {cause}; and as remedies: {action}.",
    "report.no_response": "{department} has not yet answered.",
    "report.not_given": "not given",
    "report.department_unknown": "the responsible department",
    "report.no_problems": "No indicator raised a warning.",
    # evaluation reports
    "report.eval.summary": "Overall assessment",
    "report.eval.process": "How the evaluation was done",
    "report.eval.progress": "Progress of the indicators",
    "report.eval.goals": "Main goals",
    "report.eval.measures": "Strategy measures",
    "report.eval.problems": "Problems and causes",
    "report.eval.suggestions": "Recommendations",
    "report.eval.goals_summary": "Of the {total} main goals: {counts}.",
    "report.eval.measures_summary": "Of the {total} strategy measures: {counts}.",
    "report.verdict_count": "{verdict} {count}",
    "report.eval.process_counts": "{departments} departments sent {reports} self-evaluations"
    " covering {measures} strategy measures.",
    "report.eval.progress_summary": "By {year}, of {total} indicators with a level target,"
    " {ahead} are at or ahead of the time elapsed and {behind} behind it.",
    "report.eval.progress_behind": "Behind the time elapsed: {indicators}.",
    "report.eval.progress_none": "No indicator has a measurable achievement yet.",
    "report.eval.goal": "{number}. {text} Verdict: {verdict} ({basis}).",
    "report.eval.basis_rating": "rated by the evaluation group",
    "report.eval.basis_indicators": "indicators: {indicators}",
    "report.eval.indicator_status": "{indicator} {status}",
    "report.eval.rating_differs": "The evaluation group rated this goal {rating}, unlike the indicators; its reason: {reason}",
    "report.eval.no_reason": "none given",
    "report.eval.indicator_met_small_numbers": "{indicator} {status} (the value meets the target; with so few cases the interval alone cannot confirm it)",
    "report.eval.measures_none_reported": "None of the {total} strategy measures has a self-evaluation yet (appendix table {table}).",
    "report.eval.measures_unreported": "{count} of the {total} strategy measures have no self-evaluation yet (appendix table {table}).",
    "report.eval.without_self_evaluation": "{count} without a self-evaluation yet",
    "report.table.unreported_measures": "Appendix table {number}. Strategy measures without a self-evaluation",
    "table.measure": "Strategy measure",
    "table.lead": "Lead department",
    "report.eval.comment": "Evaluation group: {comment}",
    "report.eval.measure": "{number}. {title}. Lead: {lead}; implementation: {verdict}.",
    "report.eval.no_self_evaluation": "No self-evaluation was received.",
    "report.eval.self_evaluation": "{department} (self-rating: {rating}): {text}",
    "report.eval.self_evaluation_reviewed": "{department} (self-rating: {rating}; evaluation"
    " group: {review}): {text}",
    "report.eval.causes": "Causes",
    "report.eval.year_reports": "Departments' yearly reports",
    "report.eval.year_reports_summary": (
        "{departments} member departments submitted {reports} yearly reports on implementing the plan and the next year's work ({years})."),
    "report.eval.year_reports_none": (
        "No member department has submitted a yearly report on implementing the plan."),
    "report.eval.year_report.implementation": "Implementation of the plan in {year}",
    "report.eval.year_report.next_year": "Work planned for {year}",
    "goal_verdict.met": "met",
    "goal_verdict.expected_to_meet": "expected to be met",
    "goal_verdict.partly_met": "partly met",
    "goal_verdict.at_risk": "at risk",
    "goal_verdict.not_met": "not met",
    "goal_verdict.no_data": "no data",
    "goal_verdict.not_rated": "not yet rated",
    "measure_verdict.implemented": "implemented",
    "measure_verdict.partly_implemented": "partly implemented",
    "measure_verdict.not_implemented": "not implemented",
    "measure_verdict.not_reported": "no self-evaluation",
    # tables
    "table.domain": "Domain",
    "table.indicators": "Indicators",
    "table.rate": "Rate (%)",
    "table.rate_note": "Note: the attainment rate counts every indicator, those without data"
    " included.",
    "table.total": "Total",
    "table.number": "No.",
    "table.indicator": "Indicator",
    "table.unit": "Unit",
    "table.year": "{year}",
    "table.baseline_year": "{year} (baseline)",
    "table.target": "Target",
    "table.status": "Status",
    "table.missing_note": "Note: “—” means no data.",
    "table.baseline": "Baseline",
    "table.current": "Latest",
    "table.achievement": "Achievement (%)",
    "table.time_elapsed": "Time elapsed (%)",
    "table.progress_note": "Note: achievement = (latest − baseline) / (target − baseline);"
    " time elapsed = (latest year − baseline year) / (target year − baseline year).",
    # charts
    "chart.value": "value",
    "chart.target": "target",
    "chart.panel_title": "{name} ({unit})",
    # compendium
    "compendium.sheet.about": "About",
    "compendium.about": "Values by indicator and year for each domain of the plan,"
    " with breakdowns, targets, status and the national reference value.\n"
    "National figures come from published national reports and are never county data.",
    "compendium.info.plan": "Plan",
    "compendium.info.region": "Region",
    "compendium.info.years": "Years",
    "compendium.info.issuer": "Compiled by",
    "compendium.info.date": "Date",
    "compendium.column.code": "Code",
    "compendium.column.indicator": "Indicator",
    "compendium.column.unit": "Unit",
    "compendium.column.group": "Breakdown",
    "compendium.column.national": "National value",
    "compendium.column.national_year": "National year",
    "compendium.column.national_source": "National source",
    "report.national_source": "{source_en}",  # Chinese: {source}, the publication in Chinese
    "compendium.footer": "Page {page} of {pages}",
}
PHRASE_KEYS = frozenset(DEFAULT_PHRASES)


class PhraseError(CodedError, KeyError):
    """A code the phrases do not hold (``code``)."""

    def __str__(self) -> str:
        return f"no phrase for report code {self.code!r}"


def fill(template: str, fields: Mapping[str, str]) -> str:
    """Put the fields into a phrase's ``{name}`` places; other braces stay as they are."""
    for name, value in fields.items():
        template = template.replace("{" + name + "}", value)
    return template


def render_text(text: Text, phrases: Mapping[str, str]) -> str:
    """A text in words: messages looked up in ``phrases`` and filled."""
    if isinstance(text, str):
        return text
    if isinstance(text, Join):
        separator = _phrase(text.separator, phrases)
        return separator.join(render_text(item, phrases) for item in text.items)
    return _message(text, phrases)


def _message(message: Message, phrases: Mapping[str, str]) -> str:
    template = _phrase(message.code, phrases)
    return fill(template, {name: render_text(value, phrases)
                           for name, value in message.params.items()})


def _phrase(code: str, phrases: Mapping[str, str]) -> str:
    found = phrases.get(code)
    if found is not None:
        return found
    if code.startswith("group."):  # a breakdown without a name of its own: "15-19"
        return code.partition(".")[2]
    raise PhraseError(code)
