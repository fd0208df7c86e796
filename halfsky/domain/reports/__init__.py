"""Report models: the annual monitoring report, the evaluation reports, the compendium.

Pure Python: the models are built from plain inputs (``inputs``) and say
everything as message codes with parameters (``messages``); the renderers
in ``halfsky.formats.reports`` turn them into Word, PDF and Excel files with
the caller's phrases. Usage::

    report = build_annual_report(plan, series, assessments, 2024, texts, warnings, info=info)
    report.document()          # the laid-out Document: sections, paragraphs, tables, charts
"""

from halfsky.domain.reports.annual import AnnualReport, DomainPart, build_annual_report
from halfsky.domain.reports.common import Overall
from halfsky.domain.reports.compendium import (
    Compendium,
    CompendiumRow,
    CompendiumSheet,
    build_compendium,
)
from halfsky.domain.reports.document import (
    Block,
    Chart,
    ChartPanel,
    Document,
    Paragraph,
    Section,
    Table,
)
from halfsky.domain.reports.evaluation import (
    GOAL_VERDICTS,
    MEASURE_VERDICTS,
    EvaluationReport,
    GoalJudgement,
    MeasureJudgement,
    build_evaluation_report,
    goal_verdict,
)
from halfsky.domain.reports.indicators import IndicatorFacts, combined_status
from halfsky.domain.reports.inputs import (
    GOAL_RATINGS,
    MEASURE_RATINGS,
    AnnualTexts,
    DepartmentYearReport,
    EvaluationInput,
    EvaluationTexts,
    GoalRating,
    GroupValues,
    IndicatorAssessment,
    IndicatorData,
    MeasureEvaluation,
    NationalFigure,
    ReportInfo,
    WarningInput,
)
from halfsky.domain.reports.messages import Join, Message, Param, Text

__all__ = [
    "GOAL_RATINGS",
    "GOAL_VERDICTS",
    "MEASURE_RATINGS",
    "MEASURE_VERDICTS",
    "AnnualReport",
    "AnnualTexts",
    "Block",
    "Chart",
    "ChartPanel",
    "Compendium",
    "CompendiumRow",
    "CompendiumSheet",
    "DepartmentYearReport",
    "Document",
    "DomainPart",
    "EvaluationInput",
    "EvaluationReport",
    "EvaluationTexts",
    "GoalJudgement",
    "GoalRating",
    "GroupValues",
    "IndicatorAssessment",
    "IndicatorData",
    "IndicatorFacts",
    "MeasureEvaluation",
    "MeasureJudgement",
    "Join",
    "Message",
    "NationalFigure",
    "Overall",
    "Paragraph",
    "Param",
    "ReportInfo",
    "Section",
    "Table",
    "Text",
    "WarningInput",
    "build_annual_report",
    "build_compendium",
    "build_evaluation_report",
    "combined_status",
    "goal_verdict",
]
