"""The authorisation matrix: every URL pattern × every role × GET/POST, on another department's
objects, answers what the permission table says — and never 500.

The cells are generated from the URL resolver: a new page or endpoint joins the matrix by
itself. Its URL's parameters are filled BY NAME (``plan`` → the plan's code, ``year`` → the
open round's year, ``department`` → another department's code, ``pk`` → a real id of the
model the view reads, found by the view's function), so the matrix keeps working when pages
move. The expected answer comes from the permission table (``halfsky.web.orgs.permissions``,
asked through ``may``): the view's gate (``permission_required``) and the permission of the
object it opens (or of the step a POST takes). Allowed → neither 403 nor 404; refused → 403,
404, 401 or a redirect to the login; either way never a 5xx. An empty POST is sent: where
the permission allows, what it answers depends on the input (400, 409, a redirect), which
the test of malformed input checks (``test_malformed_input``).

One database set-up, one transaction; each cell runs in a savepoint rolled back after it.
"""

from __future__ import annotations

import datetime
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from halfsky.domain import workflow
from halfsky.web.core.access import may
from halfsky.web.orgs.permissions import ADMIN_ROLES, may_take, moves, role_of

pytestmark = pytest.mark.django_db
FULL = os.environ.get("HALFSKY_MATRIX_FULL") == "1"
YEAR = 2025
OTHER = "education"  # the other department: the department-bound users are health's
IDENTITIES = ["coordinator", "statistics", "health_reporter", "health_head", "leader", "viewer",
              "admin", "stranger", None]  # the seven roles, a user without a role, anonymous
NEXT_PLAN = "jixian-women-2026-2030"
OPEN_TO_ALL = {"login", "set_language", "admin:login", "admin:logout", "api:openapi-json", "api:openapi-view", "api:api-root"}
SIGNED_IN = {"logout", "security:password_change", "data:notifications",
             "data:notifications_read", "security:totp_enrol", "security:totp_verify"}


@dataclass
class World:
    """The objects the cells open: each of another department (education) or another user."""

    plan: Any
    objects: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.objects[name]


def build_world(coordinator_client: Client) -> World:
    from django.contrib.auth.models import User

    from halfsky.formats.plan_file import load_plan
    from halfsky.web.assessments.models import Warning, WarningKind
    from halfsky.web.exchange.actions.access import do_issue_child_token
    from halfsky.web.exchange.models import Conflict, Delivery, ReceivedValue
    from halfsky.web.imports.models import DraftIndicator, DraftTarget, ImportDraft
    from halfsky.web.jobs.models import Job
    from halfsky.web.orgs.models import Area, Department
    from halfsky.web.plans.actions import do_load_plan
    from halfsky.web.plans.models import Plan
    from halfsky.web.reports.models import EvaluationItem, EvaluationRound, Evidence, Report
    from halfsky.web.tokens.actions import do_create_token
    from halfsky.web.values.models import EarlierYearsImport, Observation, Task

    do_load_plan(load_plan(NEXT_PLAN))  # linked to this one: two plans side by side

    users = {u.username: u for u in User.objects.all()}
    coordinator = users["coordinator"]
    plan = Plan.objects.select_related("region").get(code="jixian-women-2021-2025")
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    assert coordinator_client.post("/rounds/", {"year": YEAR, "deadline": deadline}
                                   ).status_code == 302
    other = Department.objects.get(code=OTHER)
    task = Task.objects.get(round__year=YEAR, department=other)
    value = task.observations.select_related("indicator").order_by("pk").first()
    indicator = value.indicator
    goal = indicator.goal if hasattr(indicator, "goal") else plan.domains.first().goals.first()
    assert coordinator_client.post("/plans/jixian-women-2021-2025/earlier-years/", {"file": SimpleUploadedFile(
        "history.csv", b"indicator,area,year,breakdown,value,numerator,denominator,source,note\n"
        b"H01,141028,2020,,77.3,,,,\n")}).status_code == 302
    draft = ImportDraft.objects.create(
        content_hash="0" * 64, filename="plan.txt", format="txt", size=1, title="测试规划",
        start_year=2021, end_year=2025, plan_code="test-plan", source_text="……")
    draft_indicator = DraftIndicator.objects.create(draft=draft, code="T01", name="测试",
                                                    domain="health", goal=1)
    target = DraftTarget.objects.create(indicator=draft_indicator, kind="at_least", value=1,
                                        span_start=0, span_end=1, source="……")
    job = Job.objects.create(kind="exchange.push", target_model="plans.plan",
                             target_pk=str(plan.pk), created_by=coordinator, state="done")
    report = Report.objects.create(plan=plan, kind="annual", year=YEAR - 1)
    report.docx.save("matrix-report.docx", ContentFile(b"PK"), save=True)
    evaluation = EvaluationRound.objects.create(plan=plan, kind="midterm", year=YEAR - 1)
    item = EvaluationItem.objects.create(round=evaluation, goal=goal, department=other)
    evidence = Evidence(item=item, name="证明.pdf", kind="pdf", size=8)
    evidence.file.save("matrix-evidence.pdf", ContentFile(b"%PDF-1.4"), save=True)
    area = Area.objects.filter(parent=plan.region).order_by("code").first()
    warning = Warning.objects.create(plan=plan, year=YEAR - 1, indicator=indicator,
                                     area=plan.region, kind=WarningKind.values[0],
                                     department=other)
    access, _key = do_issue_child_token(plan.region, area, "乡镇", coordinator)
    delivery = Delivery.objects.create(area=area, batch="0" * 64, method="push", access=access)
    received = ReceivedValue.objects.create(
        delivery=delivery, indicator=indicator, area=area, year=YEAR - 1, value=1, version=1,
        outcome="conflict")
    conflict = Conflict.objects.create(received=received, observation=value)
    token, _secret = do_create_token(coordinator, "matrix", coordinator)
    return World(plan, {
        "task": task, "value": value, "indicator": indicator, "department": other,
        "goal": goal, "earlier": EarlierYearsImport.objects.get(), "draft": draft,
        "target": target, "job": job, "report": report, "evaluation": evaluation,
        "item": item, "evidence": evidence, "warning": warning, "conflict": conflict,
        "token": token, "domain": goal.domain if hasattr(goal, "domain") else None,
        "observation_model": Observation,
    })


# --------------------------------------------------------------------------
# What the permission table says, per view (by its function, which survives a move)


def visible(user: Any, obj: Any) -> bool:
    return bool(type(obj)._default_manager.restrict(user).filter(pk=obj.pk).exists())


def task_step(step: str) -> Callable[[Any, World], bool]:
    return lambda user, w: may(user, "data.view_task", w["task"]) and step in moves(
        user, workflow.TASK, "confirmed" if step == "review" else
        "submitted" if step == "confirm" else "in_progress", w["task"])


# view → (the object's permission for any method, the POST's own permission); None: none.
Rule = Callable[[Any, World], bool] | None
VIEWS: dict[str, tuple[Rule, Rule]] = {
    "assessments.indicator_detail": (lambda u, w: may(u, "plans.view_indicator",
                                                      w["indicator"]), None),
    "dashboards.download_csv": (lambda u, w: may(u, "plans.view_indicator", w["indicator"]),
                                None),
    "dashboards.download_xlsx": (lambda u, w: may(u, "plans.view_indicator", w["indicator"]),
                                 None),
    "reports.year_index": (lambda u, w: may(u, "reports.read_year_report"), None),
    "reports.year_list": (lambda u, w: may(u, "reports.read_year_report"), None),
    "departments.department_detail": (lambda u, w: may(u, "orgs.view_department",
                                                       w["department"]), None),
    "values.round_list": (None, lambda u, w: may(u, "data.open_round")),
    "values.value_history": (lambda u, w: visible(u, w["value"]), lambda u, w: "reopen" in moves(
        u, workflow.VALUE, w["value"].status, w["value"])),
    "values.save_value": (lambda u, w: visible(u, w["value"]),
                          lambda u, w: "edit" in moves(u, workflow.VALUE, "draft", w["value"])),
    "values.task_page": (lambda u, w: may(u, "data.view_task", w["task"]), None),
    "values.download_template": (lambda u, w: may(u, "data.view_task", w["task"]), None),
    "values.upload_template": (lambda u, w: may(u, "data.view_task", w["task"]),
                               lambda u, w: "edit" in moves(u, workflow.TASK, "in_progress",
                                                            w["task"])),
    "values.submit_task": (lambda u, w: may(u, "data.view_task", w["task"]), task_step("submit")),
    "values.confirm_task": (lambda u, w: may(u, "data.view_task", w["task"]),
                            task_step("confirm")),
    "values.review_task": (lambda u, w: may(u, "data.view_task", w["task"]), task_step("review")),
    "assessments.warning_detail": (lambda u, w: may(u, "assessments.view_warning",
                                                    w["warning"]), None),
    "assessments.answer_warning": (lambda u, w: may(u, "assessments.view_warning", w["warning"]),
                                   lambda u, w: may(u, "assessments.answer_warning",
                                                    w["warning"])),
    "assessments.decide_warning": (lambda u, w: may(u, "assessments.view_warning", w["warning"]),
                                   lambda u, w: may(u, "assessments.accept_warning",
                                                    w["warning"])),
    "reports.index": (None, lambda u, w: may(u, "reports.write_reports")),
    "reports.round_detail": (None, lambda u, w: may(u, "reports.write_reports")),
    "reports.item_detail": (lambda u, w: may(u, "reports.view_evaluation_item", w["item"]),
                            None),
    "reports.evidence_file": (lambda u, w: may(u, "reports.view_evaluation_item", w["item"]),
                              None),
    "reports.transition": (None, lambda u, w: may(u, "reports.review_report")),
    "reports.year_report": (lambda u, w: may(u, "reports.read_year_report", w["department"]),
                            None),
    "tokens.revoke_token": (lambda u, w: may(u, "tokens.revoke_token", w["token"]), None),
    "jobs.detail": (lambda u, w: may(u, "jobs.view_job", w["job"]), None),
    "jobs.progress": (lambda u, w: may(u, "jobs.view_job", w["job"]), None),
    "jobs.status": (lambda u, w: may(u, "jobs.view_job", w["job"]), None),
    "exchange.index": (None, lambda u, w: may(u, "exchange.manage_exchange")),
    "exchange.mapping": (None, lambda u, w: may(u, "exchange.manage_exchange")),
    "security.unlock": (None, None),
    # the API, by operation
    "api.open_round": (None, lambda u, w: may(u, "data.open_round")),
    "api.read_task": (lambda u, w: may(u, "data.view_task", w["task"]), None),
    "api.submit_task": (lambda u, w: may(u, "data.view_task", w["task"]), task_step("submit")),
    "api.confirm_task": (lambda u, w: may(u, "data.view_task", w["task"]), task_step("confirm")),
    "api.review_task": (lambda u, w: may(u, "data.view_task", w["task"]), task_step("review")),
    "api.read_value": (lambda u, w: visible(u, w["value"]), None),
    "api.save_value": (lambda u, w: visible(u, w["value"]),
                       lambda u, w: may_take(u, "value", "edit", w["task"])),
    "api.reopen_value": (lambda u, w: visible(u, w["value"]),
                         lambda u, w: may_take(u, "value", "reopen", w["task"])),
    "api.indicator_series": (lambda u, w: may(u, "plans.view_indicator", w["indicator"]), None),
    "api.read_values": (lambda u, w: may(u, "exchange.view_exchange"), None),
    "api.deliver": (lambda u, w: False, None),  # a child area's token only
}
# The object a pk names, by view.
PKS: dict[str, str] = {
    "values.earlier_years_preview": "earlier", "values.earlier_years_apply": "earlier",
    "values.value_history": "value", "values.save_value": "value",
    "imports.review": "draft", "imports.publish": "draft", "imports.edit_target": "draft",
    "assessments.warning_detail": "warning", "assessments.answer_warning": "warning",
    "assessments.decide_warning": "warning",
    "reports.report_detail": "report", "reports.generate": "report",
    "reports.transition": "report", "reports.download": "report",
    "reports.round_detail": "evaluation", "reports.item_detail": "item",
    "reports.evidence_file": "evidence", "tokens.revoke_token": "token",
    "jobs.detail": "job", "jobs.progress": "job", "jobs.status": "job",
    "exchange.resolve": "conflict",
}


def fill(name: str, view: str, w: World) -> str:
    """The value of the URL parameter ``name`` of ``view``: by name, then by view."""
    by_name: dict[str, Callable[[], Any]] = {
        "plan": lambda: w.plan.code, "other": lambda: NEXT_PLAN, "year": lambda: YEAR, "department": lambda: OTHER,
        "domain": lambda: w["goal"].domain.code, "number": lambda: w["goal"].number,
        "value_id": lambda: w["value"].pk, "target": lambda: w["target"].pk,
        "step": lambda: "review", "fmt": lambda: "docx", "object_id": lambda: 1,
        "content_type_id": lambda: 1, "app_label": lambda: "auth",
        "pk": lambda: w[PKS[view]].pk if view in PKS else 1,
        "code": lambda: {"departments.department_detail": OTHER,
                         "api.read_plan": w.plan.code}.get(view, w["indicator"].code),
    }
    return str(by_name[name]()) if name in by_name else "1"  # the admin's ids


@dataclass(frozen=True)
class Cell:
    route: str
    name: str
    view: str
    gate: str | None
    methods: tuple[str, ...]


def _view_key(pattern: URLPattern, space: str) -> str:
    callback = pattern.callback
    if space.startswith("api:"):
        return f"api.{pattern.name}"
    module = callback.__module__.split(".")
    app = module[2] if len(module) > 2 and module[0] == "halfsky" else module[-1]
    if app == "plans" and module[-1] == "department_views":
        app = "departments"
    return f"{app}.{getattr(callback, '__name__', '')}"


def patterns(resolver: URLResolver | None = None, prefix: str = "", space: str = ""
             ) -> Iterator[Cell]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + str(entry.pattern),
                                f"{space}{entry.namespace}:" if entry.namespace else space)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if not isinstance(entry.pattern, RoutePattern) or "^" in route:
                continue  # a regular expression (two of the admin's): no names to fill
            methods = ("GET", "POST")
            if space.startswith("api:"):
                operations = getattr(entry.callback, "__self__", None)
                known = {m for op in getattr(operations, "operations", []) for m in op.methods}
                methods = tuple(sorted({"GET", "POST"} | (known & {"PATCH"})))
            yield Cell(route, f"{space}{entry.name or ''}", _view_key(entry, space),
                       getattr(entry.callback, "required_permission", None), methods)


PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


def expected(cell: Cell, user: Any, method: str, w: World) -> bool | None:
    """True: allowed; False: refused; None: either (never 5xx)."""
    if cell.name in OPEN_TO_ALL:
        return None
    if user is None:
        return False
    if cell.name in SIGNED_IN:
        return None
    if cell.name.startswith("admin:"):
        return None if role_of(user) in ADMIN_ROLES else False
    if not may(user, "orgs.use_site"):
        return False
    if cell.gate and not may(user, cell.gate, None):
        return False
    object_rule, post_rule = VIEWS.get(cell.view, (None, None))
    if object_rule is not None and not object_rule(user, w):
        return False
    if method != "GET":
        if post_rule is not None:
            return True if post_rule(user, w) else False
        return None
    return True


REFUSED = {401, 403, 404, 405}


def outcome(response: Any) -> str:
    if response.status_code >= 500:
        return "5xx"
    if response.status_code in REFUSED:
        return "refused" if response.status_code != 405 else "either"
    if response.status_code == 302 and "/login/" in response.get("Location", ""):
        return "refused"
    return "allowed"


def test_the_authorisation_matrix(capsys: Any, settings: Any) -> None:
    settings.HALFSKY_JOBS_INLINE = False  # a POST that starts a job queues it, runs nothing
    started = time.monotonic()
    users = {u.username: u for u in get_user_model().objects.all()}
    clients: dict[str | None, Client] = {}
    for username in IDENTITIES:
        client = Client(raise_request_exception=False)
        if username is not None:
            client.force_login(users[username])
        clients[username] = client
    world = build_world(clients["coordinator"])
    cells = list(patterns())
    counts = {"cells": 0, "allowed": 0, "refused": 0, "either": 0, "5xx": 0, "leaks": 0,
              "wrongly_refused": 0}
    problems: list[str] = []
    for cell in cells:
        path = "/" + PARAM.sub(lambda m, view=cell.view: fill(m["name"], view, world),
                               cell.route)
        if cell.name.startswith("api:"):
            path += f"?plan={world.plan.code}"  # the endpoints of one plan name it
        for username in IDENTITIES:
            user = users.get(username) if username else None
            client = clients[username]
            if cell.name.startswith("admin:") and role_of(user) in ADMIN_ROLES and not FULL:
                continue  # the admin's own pages, opened by its roles: HALFSKY_MATRIX_FULL=1
            for method in cell.methods:
                want = expected(cell, user, method, world)
                cookies = SimpleCookie(client.cookies)
                with transaction.atomic():
                    response = getattr(client, method.lower())(path)
                    transaction.set_rollback(True)
                client.cookies = cookies
                got = outcome(response)
                counts["cells"] += 1
                counts[got] += 1
                where = f"{method} {path} ({cell.name}) as {username}: {response.status_code}"
                if got == "5xx":
                    problems.append(f"5xx {where}")
                elif want is False and got == "allowed":
                    counts["leaks"] += 1
                    problems.append(f"leak {where}")
                elif want is True and got == "refused":
                    counts["wrongly_refused"] += 1
                    problems.append(f"refused {where}")
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(f"\nauthorisation matrix: {len(cells)} patterns × {len(IDENTITIES)} identities × "
              f"GET/POST = {counts['cells']} cells in {seconds:.0f} s; {counts}")
    assert not problems, "\n".join(problems)
