"""What a report is built from: plain data the web layer (or a test) assembles.

Nothing here knows about the database. Values are the approved ones; the
assessment results are those of the engine (``halfsky.domain.assessment``)
as the web layer stored them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from halfsky.domain import breakdowns

# Ratings of qualitative goals and targets by the evaluators (as target_checks.RATINGS).
GOAL_RATINGS = ("met", "partly_met", "not_met")
# A department's self-rating of a measure, and the evaluation group's (落实情况).
MEASURE_RATINGS = ("implemented", "partly_implemented", "not_implemented")


TOWNSHIP_KEY = "township="  # a township's values: the key is "township=<area code>"


@dataclass(frozen=True)
class GroupValues:
    """Values of one breakdown of an indicator: a sex, urban/rural, an age band, a township.

    ``key`` is the breakdown as stored (``sex=female``, ``urban_rural=rural``,
    ``township=141028100``); ``label`` is a name that needs no translation (a
    township's name) — without it the report says ``group.<value>`` (女性, 农村).
    """

    key: str
    values: Mapping[int, float]
    label: str = ""

    @property
    def group(self) -> str:
        """The value part of a one-dimension key (``female`` of ``sex=female``), the
        township's code, else the key itself (a crossed breakdown)."""
        if self.key.startswith(TOWNSHIP_KEY):
            return self.key.removeprefix(TOWNSHIP_KEY)
        try:
            pairs = breakdowns.parse(self.key)
        except breakdowns.BreakdownError:
            return self.key
        return pairs[0][1] if len(pairs) == 1 else self.key


@dataclass(frozen=True)
class IndicatorData:
    """The county values of one indicator: the total by year and its breakdowns."""

    code: str
    values: Mapping[int, float]
    groups: tuple[GroupValues, ...] = ()
    sample: bool = False  # sample (demo) values, not official statistics

    def group(self, name: str) -> GroupValues | None:
        """The breakdown whose value part (or key) is ``name``."""
        return next((g for g in self.groups if name in (g.group, g.key)), None)


@dataclass(frozen=True)
class IndicatorAssessment:
    """One target of an indicator judged by the engine (county total).

    ``status`` is a ``china`` status code; ``target_position`` the target's
    position among the indicator's targets (None: no target, judged by the
    good direction). ``achievement`` (实现程度 A) and ``time_elapsed`` (时间进度 τ)
    are ratios (0.8 = 80%); None where they do not apply.
    """

    indicator: str
    status: str
    target_position: int | None = 0
    achievement: float | None = None
    time_elapsed: float | None = None
    progress: float | None = None
    forecast: float | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarningInput:
    """A warning (预警) routed to a department, with the department's response.

    ``codes`` are the engine's warning codes (``forecast_miss``, ``moving_away``,
    ``volatile``, ``small_numbers``, ``missing``); ``cause`` (原因分析) and
    ``action`` (整改措施) are the department's words, empty before it answers.
    """

    indicator: str
    codes: tuple[str, ...]
    department: str = ""
    cause: str = ""
    action: str = ""


@dataclass(frozen=True)
class NationalFigure:
    """A national reference value (全国), never mixed with county data."""

    indicator: str  # the indicator name in the national series (Indicator.national_reference)
    year: int
    value: float
    unit: str = ""
    source: str = ""  # the publication in Chinese
    source_en: str = ""  # the publication in short English (phrase report.national_source picks)


@dataclass(frozen=True)
class ReportInfo:
    """Who issues the report and when; all plain text for the title block."""

    region_name: str = ""  # 吉县
    issuer: str = ""  # 吉县妇女儿童工作委员会办公室
    date: str = ""  # as printed: 2025年3月
    sample: bool = False  # the data include sample values: every page says so


@dataclass(frozen=True)
class AnnualTexts:
    """The editable sections of the annual report, written in the web UI.

    Paragraphs are separated by line breaks; empty text leaves the section
    with the placeholder ``report.text_missing``.
    """

    context: str = ""  # 一、基本情况
    problems: str = ""  # 四、存在的问题: written problems, after those from warnings
    suggestions: str = ""  # 五、对策建议


@dataclass(frozen=True)
class EvaluationTexts:
    """The editable sections of a mid-term or final evaluation report."""

    summary: str = ""  # opening of 一、总体评价
    process: str = ""  # 二、评估工作开展情况
    problems: str = ""  # 存在的问题 (after those from warnings)
    causes: str = ""  # 原因分析
    suggestions: str = ""  # 对策建议


@dataclass(frozen=True)
class GoalRating:
    """The evaluators' rating of a goal (qualitative goals are judged only by it)."""

    domain: str
    goal: int
    rating: str  # one of GOAL_RATINGS
    comment: str = ""


@dataclass(frozen=True)
class MeasureEvaluation:
    """A department's self-evaluation of a measure it leads, and the group's review."""

    domain: str
    measure: int
    department: str  # the department's name
    self_rating: str  # one of MEASURE_RATINGS
    text: str = ""  # 落实情况
    review_rating: str = ""  # the evaluation group's rating, "" before review
    evidence: tuple[str, ...] = ()  # names of the attached files


@dataclass(frozen=True)
class DepartmentYearReport:
    """A department's yearly report (规划落实情况和下一年工作安排), as submitted."""

    department: str  # the department's name
    year: int  # the plan year it reports on
    implementation: str = ""  # 规划落实情况: what was done that year
    next_year: str = ""  # 下一年工作安排: the work planned for the year after


@dataclass(frozen=True)
class EvaluationInput:
    """Everything an evaluation report needs beyond the plan, values and assessments."""

    texts: EvaluationTexts = field(default_factory=EvaluationTexts)
    goal_ratings: tuple[GoalRating, ...] = ()
    measures: tuple[MeasureEvaluation, ...] = ()
    warnings: tuple[WarningInput, ...] = ()
    # the departments' submitted yearly reports (各成员单位年度落实情况)
    year_reports: tuple[DepartmentYearReport, ...] = ()
