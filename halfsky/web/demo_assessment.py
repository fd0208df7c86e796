"""The demo's warnings with department answers: the assessment as work.

After ``do_recompute`` has judged the demo ``year``, two departments answer one
warning each (their answers marked 示例) and the coordinator accepts the
first; the health department's warnings stay open, so that ``health_reporter``
sees them on logging in and can answer one. Running it again changes nothing.
"""

from __future__ import annotations

from typing import Any, TextIO

from django.contrib.auth import get_user_model

from halfsky.domain import plan as domain
from halfsky.web.assessments.actions import do_accept_warning, do_answer_warning
from halfsky.web.assessments.models import AssessmentResult, Warning, WarningKind, WarningState
from halfsky.web.orgs.actions import Account, do_ensure_account
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.models import Plan

KEEP_OPEN = "health"  # the department whose warnings the demo leaves to the visitor
ANSWERS = {
    WarningKind.FORECAST_MISS: (
        "示例：按基期以来的平均增速测算，{name}到{end}年难以达到规划目标值。主要原因是"
        "部分乡镇基层力量薄弱、经费投入不足，相关项目推进较慢。",
        "示例：一是将该指标纳入年度重点工作，按季度调度进展；二是对进展滞后的乡镇开展"
        "专项督导；三是争取专项资金，{end}年前完成补短板任务。",
    ),
    WarningKind.MOVING_AWAY: (
        "示例：{name}较基期出现下降，主要原因是村（社区）换届后人员调整，部分岗位"
        "女性人选储备不足，且统计口径与上年略有差异。",
        "示例：一是建立女性人才储备库，在下次调整中优先考虑；二是与统计部门核对口径，"
        "补报说明；三是每半年向妇儿工委办公室报告进展。",
    ),
    WarningKind.VOLATILE: (
        "示例：{name}年度间波动较大，主要是基数较小、个别事件影响明显所致。",
        "示例：加强数据核查，今后报送时附逐项说明，并以近三年合并数据辅助判断。",
    ),
    WarningKind.MISSING: (
        "示例：{name}本年度数据尚未完成统计汇总。",
        "示例：督促相关科室在一个月内补报，并完善数据报送责任分工。",
    ),
}
ACCEPTED = "示例：原因分析清楚，整改措施可行，请按季度报送整改进展。"


def _reporter(department: str, password: str) -> Any:
    users = get_user_model().objects
    name = f"{department}_reporter"
    if not users.filter(username=name).exists():
        do_ensure_account(Account(name, password, Role.REPORTER, department))
    return users.get(username=name)


def set_up_demo_assessment(plan: domain.Plan, year: int, password: str, out: TextIO) -> None:
    stored = Plan.objects.get(code=plan.code)
    results = AssessmentResult.objects.filter(plan=stored, year=year, area=stored.region,
                                              breakdown="")
    statuses = ", ".join(f"{s} {results.filter(status=s).count()}" for s in sorted(
        set(results.values_list("status", flat=True))))
    out.write(f"assessment {year} (county totals): {statuses}\n")
    warnings = Warning.objects.filter(plan=stored, year=year).select_related(
        "indicator", "department")
    answered = warnings.exclude(state__in=[WarningState.OPEN, WarningState.RESOLVED])
    if not answered.exists():
        chosen: list[Warning] = []
        for warning in warnings.filter(state=WarningState.OPEN, area=stored.region).exclude(
                department__code=KEEP_OPEN).exclude(department=None).order_by(
                "indicator__position", "kind"):
            if all(w.department_id != warning.department_id for w in chosen):
                chosen.append(warning)
            if len(chosen) == 2:
                break
        coordinator = get_user_model().objects.get(username="coordinator")
        for number, warning in enumerate(chosen):
            assert warning.department is not None
            cause, measures = ANSWERS[WarningKind(warning.kind)]
            words = {"name": warning.indicator.name, "end": stored.end_year}
            warning = do_answer_warning(warning, cause.format(**words), measures.format(**words),
                                        _reporter(warning.department.code, password))
            if number == 0:
                do_accept_warning(warning, coordinator, ACCEPTED)
    states = ", ".join(f"{s} {warnings.filter(state=s).count()}" for s in WarningState
                       if warnings.filter(state=s).exists())
    out.write(f"warnings {year}: {states} (answers marked 示例)\n")
