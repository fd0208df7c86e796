"""The phrases of the report files — their one home: every code of the report models
(``halfsky.domain.reports``) as a message, English here, Chinese in the translations.

``report_phrases()`` gives them in the active language (Chinese by default,
English when the user chose English) for ``halfsky.formats.reports``'
renderers. Each phrase is its code's English default with the code as its
context (``pgettext``), since one English phrase can need two Chinese ones
(a rise that is good, 提高, or bad, 上升). Lazy: translated when used.
The ``{name}`` places are the renderers' (``phrases.fill``), not Python
formats: a translation may drop one (``{tolerance}``) or use another (``{cn}``,
the Chinese numeral of a heading), hence the ``xgettext:`` comments.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

PHRASES: dict[str, Promise] = {
    # xgettext:no-python-format no-python-brace-format
    "report.annual.title": pgettext_lazy("report.annual.title", "{plan}: monitoring report {year}"),
    # xgettext:no-python-format no-python-brace-format
    "report.midterm.title": pgettext_lazy("report.midterm.title", "{plan}: mid-term evaluation report"),
    # xgettext:no-python-format no-python-brace-format
    "report.final.title": pgettext_lazy("report.final.title", "{plan}: final evaluation report"),
    # xgettext:no-python-format no-python-brace-format
    "report.compendium.title": pgettext_lazy("report.compendium.title", "{plan}: statistical compendium {year}"),
    # xgettext:no-python-format no-python-brace-format
    "report.sample_notice": pgettext_lazy("report.sample_notice", "Sample data (not official statistics)"),
    # xgettext:no-python-format no-python-brace-format
    "report.annual.context": pgettext_lazy("report.annual.context", "Background"),
    # xgettext:no-python-format no-python-brace-format
    "report.annual.overall": pgettext_lazy("report.annual.overall", "Overview"),
    # xgettext:no-python-format no-python-brace-format
    "report.annual.domains": pgettext_lazy("report.annual.domains", "Domains"),
    # xgettext:no-python-format no-python-brace-format
    "report.annual.problems": pgettext_lazy("report.annual.problems", "Problems"),
    # xgettext:no-python-format no-python-brace-format
    "report.annual.suggestions": pgettext_lazy("report.annual.suggestions", "Recommendations"),
    # xgettext:no-python-format no-python-brace-format
    "report.appendix": pgettext_lazy("report.appendix", "Appendix"),
    # xgettext:no-python-format no-python-brace-format
    "report.text_missing": pgettext_lazy("report.text_missing", "(to be written)"),
    # xgettext:no-python-format no-python-brace-format
    "heading.1": pgettext_lazy("heading.1", "{n}. {title}"),
    # xgettext:no-python-format no-python-brace-format
    "heading.2": pgettext_lazy("heading.2", "({n}) {title}"),
    # xgettext:no-python-format no-python-brace-format
    "heading.3": pgettext_lazy("heading.3", "{n}. {title}"),
    # xgettext:no-python-format no-python-brace-format
    "footer.page": pgettext_lazy("footer.page", "— {page} —"),
    # xgettext:no-python-format no-python-brace-format
    "list.separator": pgettext_lazy("list.separator", "; "),
    # xgettext:no-python-format no-python-brace-format
    "list.enumeration": pgettext_lazy("list.enumeration", ", "),
    # xgettext:no-python-format no-python-brace-format
    "report.plan_scope": pgettext_lazy("report.plan_scope", "{plan} sets {domains} domains, {goals} main goals, {measures} strategy measures and {indicators} monitoring indicators. This report uses the values for {year} reported by the member departments and approved."),
    'report.overall': pgettext_lazy('report.overall', "In {year}, of the plan's {total} monitoring indicators: {counts}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count": pgettext_lazy("report.count", "{status} {count}"),
    # xgettext:no-python-format no-python-brace-format
    "report.attainment": pgettext_lazy("report.attainment", "{met} indicators are met: an attainment rate of {rate_all}% of all {total} indicators, {rate_monitored}% of the {monitored} with data."),
    # xgettext:no-python-format no-python-brace-format
    "report.attainment_none": pgettext_lazy("report.attainment_none", "There are no values yet; no attainment rate can be given."),
    # xgettext:no-python-format no-python-brace-format
    "report.domain_summary": pgettext_lazy("report.domain_summary", "{domain} has {total} monitoring indicators: {counts}; attainment rate {rate_all}%."),
    # xgettext:no-python-format no-python-brace-format
    "report.chart_caption": pgettext_lazy("report.chart_caption", "Figure {number}. {domain}: monitoring indicators"),
    # xgettext:no-python-format no-python-brace-format
    "report.table.domains": pgettext_lazy("report.table.domains", "Table {number}. Indicators met by domain, {year}"),
    # xgettext:no-python-format no-python-brace-format
    "report.table.appendix": pgettext_lazy("report.table.appendix", "Appendix table {number}. Monitoring indicators, {year}"),
    # xgettext:no-python-format no-python-brace-format
    "report.table.progress": pgettext_lazy("report.table.progress", "Table {number}. Achievement against time elapsed"),
    # xgettext:no-python-format no-python-brace-format
    "report.level_rose_good": pgettext_lazy("report.level_rose_good", "{year}, {indicator} was {value}{unit}, up {change} {change_unit} on the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.level_rose_bad": pgettext_lazy("report.level_rose_bad", "{year}, {indicator} was {value}{unit}, up {change} {change_unit} on the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.level_rose": pgettext_lazy("report.level_rose", "{year}, {indicator} was {value}{unit}, up {change} {change_unit} on the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.level_fell_good": pgettext_lazy("report.level_fell_good", "{year}, {indicator} was {value}{unit}, down {change} {change_unit} on the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.level_fell_bad": pgettext_lazy("report.level_fell_bad", "{year}, {indicator} was {value}{unit}, down {change} {change_unit} on the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.level_fell": pgettext_lazy("report.level_fell", "{year}, {indicator} was {value}{unit}, down {change} {change_unit} on the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.level_unchanged": pgettext_lazy("report.level_unchanged", "{year}, {indicator} was {value}{unit}, the same as the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_rose_good": pgettext_lazy("report.count_rose_good", "{year}, {indicator} was {value}{unit}, {change} {change_unit} more than the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_rose_bad": pgettext_lazy("report.count_rose_bad", "{year}, {indicator} was {value}{unit}, {change} {change_unit} more than the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_rose": pgettext_lazy("report.count_rose", "{year}, {indicator} was {value}{unit}, {change} {change_unit} more than the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_fell_good": pgettext_lazy("report.count_fell_good", "{year}, {indicator} was {value}{unit}, {change} {change_unit} fewer than the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_fell_bad": pgettext_lazy("report.count_fell_bad", "{year}, {indicator} was {value}{unit}, {change} {change_unit} fewer than the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_fell": pgettext_lazy("report.count_fell", "{year}, {indicator} was {value}{unit}, {change} {change_unit} fewer than the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.count_unchanged": pgettext_lazy("report.count_unchanged", "{year}, {indicator} was {value}{unit}, the same as the year before; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.value_only": pgettext_lazy("report.value_only", "{year}, {indicator} was {value}{unit}; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.latest_only": pgettext_lazy("report.latest_only", "{indicator}: no value for {year}; {latest_year}: {value}{unit}; {status}."),
    # xgettext:no-python-format no-python-brace-format
    "report.no_data": pgettext_lazy("report.no_data", "{indicator}: no data for {year}."),
    # xgettext:no-python-format no-python-brace-format
    "report.status_clause.met": pgettext_lazy("report.status_clause.met", "the target is met"),
    # xgettext:no-python-format no-python-brace-format
    "report.status_clause.expected_to_meet": pgettext_lazy("report.status_clause.expected_to_meet", "on course to meet the target"),
    # xgettext:no-python-format no-python-brace-format
    "report.status_clause.at_risk": pgettext_lazy("report.status_clause.at_risk", "the target is at risk"),
    # xgettext:no-python-format no-python-brace-format
    "report.status_clause.moving_away": pgettext_lazy("report.status_clause.moving_away", "moving away from the target"),
    # xgettext:no-python-format no-python-brace-format
    "report.status_clause.insufficient_evidence": pgettext_lazy("report.status_clause.insufficient_evidence", "too few cases to judge"),
    # xgettext:no-python-format no-python-brace-format
    "report.status_clause.no_data": pgettext_lazy("report.status_clause.no_data", "not yet assessed"),
    # xgettext:no-python-format no-python-brace-format
    "status.met": pgettext_lazy("status.met", "met"),
    # xgettext:no-python-format no-python-brace-format
    "status.expected_to_meet": pgettext_lazy("status.expected_to_meet", "expected to meet"),
    # xgettext:no-python-format no-python-brace-format
    "status.at_risk": pgettext_lazy("status.at_risk", "at risk"),
    # xgettext:no-python-format no-python-brace-format
    "status.moving_away": pgettext_lazy("status.moving_away", "moving away"),
    # xgettext:no-python-format no-python-brace-format
    "status.insufficient_evidence": pgettext_lazy("status.insufficient_evidence", "insufficient evidence"),
    # xgettext:no-python-format no-python-brace-format
    "status.no_data": pgettext_lazy("status.no_data", "no data"),
    # xgettext:no-python-format no-python-brace-format
    "unit.percentage_point": pgettext_lazy("unit.percentage_point", "percentage points"),
    # xgettext:no-python-format no-python-brace-format
    "unit.permille_point": pgettext_lazy("unit.permille_point", "per-mille points"),
    # xgettext:no-python-format no-python-brace-format
    "unit.per_10k_point": pgettext_lazy("unit.per_10k_point", "points per 10,000"),
    # xgettext:no-python-format no-python-brace-format
    "unit.per_100k_point": pgettext_lazy("unit.per_100k_point", "points per 100,000"),
    # xgettext:no-python-format no-python-brace-format
    "group.total": pgettext_lazy("group.total", "Total"),
    # xgettext:no-python-format no-python-brace-format
    "group.female": pgettext_lazy("group.female", "women"),
    # xgettext:no-python-format no-python-brace-format
    "group.male": pgettext_lazy("group.male", "men"),
    # xgettext:no-python-format no-python-brace-format
    "group.girls": pgettext_lazy("group.girls", "girls"),
    # xgettext:no-python-format no-python-brace-format
    "group.boys": pgettext_lazy("group.boys", "boys"),
    # xgettext:no-python-format no-python-brace-format
    "group.urban": pgettext_lazy("group.urban", "urban"),
    # xgettext:no-python-format no-python-brace-format
    "group.rural": pgettext_lazy("group.rural", "rural"),
    # xgettext:no-python-format no-python-brace-format
    "target.threshold.ge": pgettext_lazy("target.threshold.ge", "≥ {quantity}"),
    # xgettext:no-python-format no-python-brace-format
    "target.threshold.gt": pgettext_lazy("target.threshold.gt", "> {quantity}"),
    # xgettext:no-python-format no-python-brace-format
    "target.threshold.le": pgettext_lazy("target.threshold.le", "≤ {quantity}"),
    # xgettext:no-python-format no-python-brace-format
    "target.threshold.lt": pgettext_lazy("target.threshold.lt", "< {quantity}"),
    # xgettext:no-python-format no-python-brace-format
    "target.threshold.eq": pgettext_lazy("target.threshold.eq", "= {quantity}"),
    # xgettext:no-python-format no-python-brace-format
    "target.approximate": pgettext_lazy("target.approximate", "about {quantity} (±{tolerance})"),
    # xgettext:no-python-format no-python-brace-format
    "target.maintain.ge": pgettext_lazy("target.maintain.ge", "≥ {quantity} every year"),
    # xgettext:no-python-format no-python-brace-format
    "target.maintain.gt": pgettext_lazy("target.maintain.gt", "> {quantity} every year"),
    # xgettext:no-python-format no-python-brace-format
    "target.maintain.le": pgettext_lazy("target.maintain.le", "≤ {quantity} every year"),
    # xgettext:no-python-format no-python-brace-format
    "target.maintain.lt": pgettext_lazy("target.maintain.lt", "< {quantity} every year"),
    # xgettext:no-python-format no-python-brace-format
    "target.maintain.eq": pgettext_lazy("target.maintain.eq", "= {quantity} every year"),
    # xgettext:no-python-format no-python-brace-format
    "target.maintain.approx": pgettext_lazy("target.maintain.approx", "about {quantity} (±{tolerance}) every year"),
    # xgettext:no-python-format no-python-brace-format
    "target.increase": pgettext_lazy("target.increase", "rises"),
    # xgettext:no-python-format no-python-brace-format
    "target.decrease": pgettext_lazy("target.decrease", "falls"),
    # xgettext:no-python-format no-python-brace-format
    "target.gap_narrows": pgettext_lazy("target.gap_narrows", "gap between {group_a} and {group_b} narrows"),
    # xgettext:no-python-format no-python-brace-format
    "target.growth_slows": pgettext_lazy("target.growth_slows", "rise slows"),
    # xgettext:no-python-format no-python-brace-format
    "target.full_coverage": pgettext_lazy("target.full_coverage", "full coverage"),
    # xgettext:no-python-format no-python-brace-format
    "target.relative": pgettext_lazy("target.relative", "not below {relative_to}"),
    # xgettext:no-python-format no-python-brace-format
    "target.qualitative": pgettext_lazy("target.qualitative", "qualitative"),
    # xgettext:no-python-format no-python-brace-format
    "report.no_target": pgettext_lazy("report.no_target", "—"),
    # xgettext:no-python-format no-python-brace-format
    "warning.forecast_miss": pgettext_lazy("warning.forecast_miss", "on present trends the target ({target}) will be missed in {target_year}"),
    # xgettext:no-python-format no-python-brace-format
    "warning.moving_away": pgettext_lazy("warning.moving_away", "moving away from the target"),
    # xgettext:no-python-format no-python-brace-format
    "warning.volatile": pgettext_lazy("warning.volatile", "large swings between years"),
    # xgettext:no-python-format no-python-brace-format
    "warning.small_numbers": pgettext_lazy("warning.small_numbers", "too few cases to tell the change"),
    # xgettext:no-python-format no-python-brace-format
    "warning.missing": pgettext_lazy("warning.missing", "no value for {year}"),
    # xgettext:no-python-format no-python-brace-format
    "report.problem": pgettext_lazy("report.problem", "{number}. {indicator}: {value}{unit} in {year}; {findings}."),
    # xgettext:no-python-format no-python-brace-format
    "report.problem_no_value": pgettext_lazy("report.problem_no_value", "{number}. {indicator}: {findings}."),
    # xgettext:no-python-format no-python-brace-format
    "report.response": pgettext_lazy("report.response", "{department} gives as causes: {cause}; and as remedies: {action}."),
    # xgettext:no-python-format no-python-brace-format
    "report.no_response": pgettext_lazy("report.no_response", "{department} has not yet answered."),
    # xgettext:no-python-format no-python-brace-format
    "report.not_given": pgettext_lazy("report.not_given", "not given"),
    # xgettext:no-python-format no-python-brace-format
    "report.department_unknown": pgettext_lazy("report.department_unknown", "the responsible department"),
    # xgettext:no-python-format no-python-brace-format
    "report.no_problems": pgettext_lazy("report.no_problems", "No indicator raised a warning."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.summary": pgettext_lazy("report.eval.summary", "Overall assessment"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.process": pgettext_lazy("report.eval.process", "How the evaluation was done"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.progress": pgettext_lazy("report.eval.progress", "Progress of the indicators"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.goals": pgettext_lazy("report.eval.goals", "Main goals"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.measures": pgettext_lazy("report.eval.measures", "Strategy measures"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.problems": pgettext_lazy("report.eval.problems", "Problems and causes"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.suggestions": pgettext_lazy("report.eval.suggestions", "Recommendations"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.goals_summary": pgettext_lazy("report.eval.goals_summary", "Of the {total} main goals: {counts}."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.measures_summary": pgettext_lazy("report.eval.measures_summary", "Of the {total} strategy measures: {counts}."),
    # xgettext:no-python-format no-python-brace-format
    "report.verdict_count": pgettext_lazy("report.verdict_count", "{verdict} {count}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.process_counts": pgettext_lazy("report.eval.process_counts", "{departments} departments sent {reports} self-evaluations covering {measures} strategy measures."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.progress_summary": pgettext_lazy("report.eval.progress_summary", "By {year}, of {total} indicators with a level target, {ahead} are at or ahead of the time elapsed and {behind} behind it."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.progress_behind": pgettext_lazy("report.eval.progress_behind", "Behind the time elapsed: {indicators}."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.progress_none": pgettext_lazy("report.eval.progress_none", "No indicator has a measurable achievement yet."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.goal": pgettext_lazy("report.eval.goal", "{number}. {text} Verdict: {verdict} ({basis})."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.basis_rating": pgettext_lazy("report.eval.basis_rating", "rated by the evaluation group"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.basis_indicators": pgettext_lazy("report.eval.basis_indicators", "indicators: {indicators}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.indicator_status": pgettext_lazy("report.eval.indicator_status", "{indicator} {status}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.rating_differs": pgettext_lazy("report.eval.rating_differs", "The evaluation group rated this goal {rating}, unlike the indicators; its reason: {reason}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.no_reason": pgettext_lazy("report.eval.no_reason", "none given"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.indicator_met_small_numbers": pgettext_lazy("report.eval.indicator_met_small_numbers", "{indicator} {status} (the value meets the target; with so few cases the interval alone cannot confirm it)"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.measures_none_reported": pgettext_lazy("report.eval.measures_none_reported", "None of the {total} strategy measures has a self-evaluation yet (appendix table {table})."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.measures_unreported": pgettext_lazy("report.eval.measures_unreported", "{count} of the {total} strategy measures have no self-evaluation yet (appendix table {table})."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.without_self_evaluation": pgettext_lazy("report.eval.without_self_evaluation", "{count} without a self-evaluation yet"),
    # xgettext:no-python-format no-python-brace-format
    "report.table.unreported_measures": pgettext_lazy("report.table.unreported_measures", "Appendix table {number}. Strategy measures without a self-evaluation"),
    # xgettext:no-python-format no-python-brace-format
    "table.measure": pgettext_lazy("table.measure", "Strategy measure"),
    # xgettext:no-python-format no-python-brace-format
    "table.lead": pgettext_lazy("table.lead", "Lead department"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.comment": pgettext_lazy("report.eval.comment", "Evaluation group: {comment}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.measure": pgettext_lazy("report.eval.measure", "{number}. {title}. Lead: {lead}; implementation: {verdict}."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.no_self_evaluation": pgettext_lazy("report.eval.no_self_evaluation", "No self-evaluation was received."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.self_evaluation": pgettext_lazy("report.eval.self_evaluation", "{department} (self-rating: {rating}): {text}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.self_evaluation_reviewed": pgettext_lazy("report.eval.self_evaluation_reviewed", "{department} (self-rating: {rating}; evaluation group: {review}): {text}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.causes": pgettext_lazy("report.eval.causes", "Causes"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.year_reports": pgettext_lazy("report.eval.year_reports", "Departments' yearly reports"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.year_reports_summary": pgettext_lazy("report.eval.year_reports_summary", "{departments} member departments submitted {reports} yearly reports on implementing the plan and the next year's work ({years})."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.year_reports_none": pgettext_lazy("report.eval.year_reports_none", "No member department has submitted a yearly report on implementing the plan."),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.year_report.implementation": pgettext_lazy("report.eval.year_report.implementation", "Implementation of the plan in {year}"),
    # xgettext:no-python-format no-python-brace-format
    "report.eval.year_report.next_year": pgettext_lazy("report.eval.year_report.next_year", "Work planned for {year}"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.met": pgettext_lazy("goal_verdict.met", "met"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.expected_to_meet": pgettext_lazy("goal_verdict.expected_to_meet", "expected to be met"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.partly_met": pgettext_lazy("goal_verdict.partly_met", "partly met"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.at_risk": pgettext_lazy("goal_verdict.at_risk", "at risk"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.not_met": pgettext_lazy("goal_verdict.not_met", "not met"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.no_data": pgettext_lazy("goal_verdict.no_data", "no data"),
    # xgettext:no-python-format no-python-brace-format
    "goal_verdict.not_rated": pgettext_lazy("goal_verdict.not_rated", "not yet rated"),
    # xgettext:no-python-format no-python-brace-format
    "measure_verdict.implemented": pgettext_lazy("measure_verdict.implemented", "implemented"),
    # xgettext:no-python-format no-python-brace-format
    "measure_verdict.partly_implemented": pgettext_lazy("measure_verdict.partly_implemented", "partly implemented"),
    # xgettext:no-python-format no-python-brace-format
    "measure_verdict.not_implemented": pgettext_lazy("measure_verdict.not_implemented", "not implemented"),
    # xgettext:no-python-format no-python-brace-format
    "measure_verdict.not_reported": pgettext_lazy("measure_verdict.not_reported", "no self-evaluation"),
    # xgettext:no-python-format no-python-brace-format
    "table.domain": pgettext_lazy("table.domain", "Domain"),
    # xgettext:no-python-format no-python-brace-format
    "table.indicators": pgettext_lazy("table.indicators", "Indicators"),
    # xgettext:no-python-format no-python-brace-format
    "table.rate": pgettext_lazy("table.rate", "Rate (%)"),
    # xgettext:no-python-format no-python-brace-format
    "table.rate_note": pgettext_lazy("table.rate_note", "Note: the attainment rate counts every indicator, those without data included."),
    # xgettext:no-python-format no-python-brace-format
    "table.total": pgettext_lazy("table.total", "Total"),
    # xgettext:no-python-format no-python-brace-format
    "table.number": pgettext_lazy("table.number", "No."),
    # xgettext:no-python-format no-python-brace-format
    "table.indicator": pgettext_lazy("table.indicator", "Indicator"),
    # xgettext:no-python-format no-python-brace-format
    "table.unit": pgettext_lazy("table.unit", "Unit"),
    # xgettext:no-python-format no-python-brace-format
    "table.year": pgettext_lazy("table.year", "{year}"),
    # xgettext:no-python-format no-python-brace-format
    "table.baseline_year": pgettext_lazy("table.baseline_year", "{year} (baseline)"),
    # xgettext:no-python-format no-python-brace-format
    "table.target": pgettext_lazy("table.target", "Target"),
    # xgettext:no-python-format no-python-brace-format
    "table.status": pgettext_lazy("table.status", "Status"),
    # xgettext:no-python-format no-python-brace-format
    "table.missing_note": pgettext_lazy("table.missing_note", "Note: “—” means no data."),
    # xgettext:no-python-format no-python-brace-format
    "table.baseline": pgettext_lazy("table.baseline", "Baseline"),
    # xgettext:no-python-format no-python-brace-format
    "table.current": pgettext_lazy("table.current", "Latest"),
    # xgettext:no-python-format no-python-brace-format
    "table.achievement": pgettext_lazy("table.achievement", "Achievement (%)"),
    # xgettext:no-python-format no-python-brace-format
    "table.time_elapsed": pgettext_lazy("table.time_elapsed", "Time elapsed (%)"),
    # xgettext:no-python-format no-python-brace-format
    "table.progress_note": pgettext_lazy("table.progress_note", "Note: achievement = (latest − baseline) / (target − baseline); time elapsed = (latest year − baseline year) / (target year − baseline year)."),
    # xgettext:no-python-format no-python-brace-format
    "chart.value": pgettext_lazy("chart.value", "value"),
    # xgettext:no-python-format no-python-brace-format
    "chart.target": pgettext_lazy("chart.target", "target"),
    # xgettext:no-python-format no-python-brace-format
    "chart.panel_title": pgettext_lazy("chart.panel_title", "{name} ({unit})"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.sheet.about": pgettext_lazy("compendium.sheet.about", "About"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.about": pgettext_lazy("compendium.about", "Values by indicator and year for each domain of the plan, with breakdowns, targets, status and the national reference value.\nNational figures come from published national reports and are never county data."),
    # xgettext:no-python-format no-python-brace-format
    "compendium.info.plan": pgettext_lazy("compendium.info.plan", "Plan"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.info.region": pgettext_lazy("compendium.info.region", "Region"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.info.years": pgettext_lazy("compendium.info.years", "Years"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.info.issuer": pgettext_lazy("compendium.info.issuer", "Compiled by"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.info.date": pgettext_lazy("compendium.info.date", "Date"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.code": pgettext_lazy("compendium.column.code", "Code"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.indicator": pgettext_lazy("compendium.column.indicator", "Indicator"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.unit": pgettext_lazy("compendium.column.unit", "Unit"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.group": pgettext_lazy("compendium.column.group", "Breakdown"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.national": pgettext_lazy("compendium.column.national", "National value"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.national_year": pgettext_lazy("compendium.column.national_year", "National year"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.column.national_source": pgettext_lazy("compendium.column.national_source", "National source"),
    # Translators: the national figure's publication: Chinese uses {source} (the Chinese title).
    # xgettext:no-python-format no-python-brace-format
    "report.national_source": pgettext_lazy("report.national_source", "{source_en}"),
    # xgettext:no-python-format no-python-brace-format
    "compendium.footer": pgettext_lazy("compendium.footer", "Page {page} of {pages}"),
}


def report_phrases() -> dict[str, str]:
    """Every report phrase in the active language."""
    return {code: str(phrase) for code, phrase in PHRASES.items()}

