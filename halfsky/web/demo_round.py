"""The demo's 2025 reporting round, with every state of the workflow at once.

Some departments approved, one submitted and confirmed, one returned with a
comment, some in progress, the rest not started and past the deadline.
Values are drawn like the other demo values and marked 示例数据.

Three departments have also filed their yearly 规划落实情况和下一年工作安排
for 2023 and 2024 (``YEAR_REPORTS``): submitted, one returned with a comment,
one still a draft; marked sample, so the yearly-report pages and the
evaluation reports show them.
"""

from __future__ import annotations

import datetime
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from halfsky.domain import breakdowns
from halfsky.domain import plan as domain
from halfsky.domain.units import is_whole_count
from halfsky.web.demo_values import crossed_values, demo_series
from halfsky.web.orgs.actions import Account, do_ensure_account
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan
from halfsky.web.reports.models import DepartmentYearReport
from halfsky.web.reports.year_reports import (
    do_return_year_report,
    do_save_year_report,
    do_submit_year_report,
)
from halfsky.web.values.actions.rounds import do_open_round
from halfsky.web.values.actions.values import (
    do_confirm_task,
    do_review_task,
    do_save_value,
    do_submit_task,
)
from halfsky.web.values.models import Observation, Round, Task, ValueFlag

YEAR = 2025
# department code → the state the demo leaves it in
STORY = {
    "health": "returned", "education": "approved", "human_resources": "confirmed",
    "statistics": "submitted", "civil_affairs": "in_progress", "medical_security": "in_progress",
}


# (department, year) → (state left in, 规划落实情况, 下一年工作安排); sample texts
YEAR_REPORTS = {
    ("health", 2023): ("submitted",
                       "示例：全年完成农村适龄妇女宫颈癌和乳腺癌免费筛查4200人次，"
                       "孕产妇系统管理率达到93%。\n示例：建成县级危重孕产妇救治中心，"
                       "开展产科急救演练6次。",
                       "示例：推进县妇幼保健院标准化建设，将两癌筛查扩大到全部乡镇。"),
    ("health", 2024): ("submitted",
                       "示例：两癌筛查覆盖全部乡镇，完成筛查5100人次；"
                       "孕产妇死亡率保持在较低水平。",
                       "示例：开展更年期保健门诊，完善孕产妇转诊网络。"),
    ("education", 2023): ("submitted",
                          "示例：落实学生资助政策，资助家庭经济困难女学生860人次；"
                          "高中阶段毛入学率稳步提高。",
                          "示例：在中小学开展性别平等教育进课堂活动。"),
    ("education", 2024): ("returned",
                          "示例：开展性别平等教育进课堂活动20场。",
                          "示例：继续实施学生资助。"),
    ("civil_affairs", 2024): ("draft",
                              "示例：村（居）委会成员中女性比例提高，"
                              "开展婚姻家庭辅导服务。",
                              ""),
}


def set_up_demo_year_reports(stored: Plan, password: str, out: TextIO) -> None:
    """The demo's filed yearly reports; those already there are left as they are."""
    coordinator = get_user_model().objects.get(username="coordinator")
    made = 0
    for (code, year), (state, done, planned) in YEAR_REPORTS.items():
        if DepartmentYearReport.objects.filter(plan=stored, department__code=code,
                                               year=year).exists():
            continue
        actors = _actors(code, password)
        report = do_save_year_report(stored, actors["head"].profile.department, year, done,
                                     planned, actors["reporter"], sample=True)
        if state != "draft":
            do_submit_year_report(report, actors["head"])
        if state == "returned":
            do_return_year_report(report, "示例：请补充具体数据和下一年的工作目标。",
                                  coordinator)
        made += 1
    out.write(f"yearly reports of departments (示例): {made} filed\n")


def _actors(department: str, password: str) -> dict[str, Any]:
    """A reporter and a head for the department (demo accounts), plus the reviewer."""
    users = get_user_model().objects
    for role, suffix in ((Role.REPORTER, "reporter"), (Role.DEPARTMENT_HEAD, "head")):
        name = f"{department}_{suffix}"
        if not users.filter(username=name).exists():
            do_ensure_account(Account(name, password, role, department))
    return {"reporter": users.get(username=f"{department}_reporter"),
            "head": users.get(username=f"{department}_head"),
            "reviewer": users.get(username="statistics")}


def _continued(values: dict[int, float], integer: bool) -> float | None:
    """2025 continues the demo series: last year plus last year's change (never below 0)."""
    last, before = values.get(YEAR - 1), values.get(YEAR - 2)
    if last is None:
        return None
    value = max(0.0, last + (last - before if before is not None else 0.0))
    return float(round(value)) if integer else round(value, 2)


def _fill(task: Task, plan: domain.Plan, reporter: Any, levels: dict[tuple[str, str], float],
          share: float = 1.0) -> None:
    rows = list(task.observations.select_related("indicator__plan", "area").order_by("pk"))
    stored_id = Plan.objects.get(code=plan.code).pk  # the demo plan; others are shared series
    series = {}
    cells: dict[str, dict[str, dict[int, float]]] = {}
    for observation in rows[: max(1, int(len(rows) * share))]:
        indicator = (plan if observation.indicator.plan_id == stored_id
                     else domain_plan(observation.indicator.plan)).indicator(
            observation.indicator.code)
        if indicator.code not in series:
            series[indicator.code] = demo_series(indicator, levels)
            cells[indicator.code] = crossed_values(indicator, series[indicator.code])
        drawn = series[indicator.code]
        parts = breakdowns.parse(observation.breakdown)
        data: dict[str, Any] = {"note": "示例数据"}
        if observation.breakdown == "" and YEAR - 1 in drawn.numerators:
            data.update(numerator=drawn.numerators[YEAR - 1],
                        denominator=drawn.denominators[YEAR - 1])
        else:
            if len(parts) > 1:
                values = cells[indicator.code].get(observation.breakdown, {})
            else:
                values = drawn.by_group.get(parts[0][1], {}) if parts else drawn.total
            data["value"] = _continued(values, integer=is_whole_count(indicator.unit))
            if data["value"] is None:
                data = {"flag": ValueFlag.NOT_APPLICABLE, "note": "示例数据：本年未开展"}
        data["explanation"] = "示例数据：与上年口径一致"
        do_save_value(observation, data, observation.version, reporter)


def set_up_demo_round(plan: domain.Plan, password: str, levels: dict[tuple[str, str], float],
                      out: TextIO) -> None:
    stored = Plan.objects.get(code=plan.code)
    set_up_demo_year_reports(stored, password, out)
    if Round.objects.filter(year=YEAR).exists():
        out.write(f"reporting round {YEAR}: already open\n")
        return
    coordinator = get_user_model().objects.get(username="coordinator")
    deadline = timezone.localdate() - datetime.timedelta(days=3)
    round_ = do_open_round(YEAR, deadline, coordinator, sample=True)
    for code, state in STORY.items():
        task = round_.tasks.filter(department__code=code).first()
        if task is None:
            continue
        actors = _actors(code, password)
        _fill(task, plan, actors["reporter"], levels, 0.5 if state == "in_progress" else 1.0)
        if state == "in_progress":
            continue
        do_submit_task(task, actors["reporter"])
        if state == "submitted":
            continue
        do_confirm_task(task, actors["head"])
        if state == "confirmed":
            continue
        values = list(task.observations.order_by("pk"))
        decisions = {o.pk: ("approve", "") for o in values}
        if state == "returned":
            decisions[values[0].pk] = ("return", "示例：请核实数据来源并补充说明")
        do_review_task(task, decisions, actors["reviewer"])
    states = ", ".join(f"{t.department.code} {t.state}" for t in round_.tasks.select_related(
        "department") if t.state != "not_started")
    late = round_.tasks.filter(state="not_started").count()
    out.write(f"reporting round {YEAR} (deadline {deadline}, past): {states}; "
              f"{late} departments not started\n")
    Observation.objects.filter(task__round=round_).update(is_sample=True)
