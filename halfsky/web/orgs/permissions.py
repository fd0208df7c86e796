"""The permission table: who may do what, per role and per object.

Every rule of access lives here, as predicates of the ``rules`` package
registered as permissions (``app.action``); views ask ``user.has_perm`` through
``halfsky.web.core.access``, the API and the actions ask ``may``, templates ask
``{% test_rule name user subject %}`` (``{% load rules %}``; unlike
``{% has_perm %}`` it does not grant a superuser everything). The permissions of state changes come from the workflow table
(``halfsky.domain.workflow``: who takes each transition). A department reporter
or head works only on the items of the department; ``RestrictedQuerySet.restrict``
turns that rule into a query (after NetBox's ``restrict``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import rules
from django.db import models
from django.db.models import Q

from halfsky.domain import workflow
from halfsky.web.core.access import may
from halfsky.web.orgs.roles import Role

if TYPE_CHECKING:
    from halfsky.web.orgs.models import Department

M = TypeVar("M", bound=models.Model)

# The role sets: defined here and nowhere else.
DEPARTMENT_ROLES = frozenset({Role.REPORTER, Role.DEPARTMENT_HEAD})
ADMIN_ROLES = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR, Role.MONITORING_LEAD})
COORDINATING_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
ADMINISTRATOR_ROLES = frozenset({Role.ADMINISTRATOR})
# The roles that give a second factor at login when HALFSKY_TOTP is on.
SECOND_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR})
OVERSEEING_ROLES = frozenset({Role.COORDINATOR, Role.MONITORING_LEAD, Role.ADMINISTRATOR})
# Who hears of an exchange conflict (notifications).
CONFLICT_WATCHERS = frozenset({Role.COORDINATOR, Role.MONITORING_LEAD})
REPORT_READING_ROLES = frozenset({Role.COORDINATOR, Role.MONITORING_LEAD, Role.LEADERSHIP,
                                  Role.VIEWER, Role.ADMINISTRATOR})


def role_of(user: Any) -> Role | None:
    """The user's role; superusers are administrators; no profile, no role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    return Role(profile.role) if profile is not None else None


def department_of(user: Any) -> Department | None:
    profile = getattr(user, "profile", None)
    return profile.department if profile is not None else None


def is_department_bound(user: Any) -> bool:
    return role_of(user) in DEPARTMENT_ROLES


def gives_admin_access(role: str) -> bool:
    """Whether an account of ``role`` may open the Django admin (``is_staff``)."""
    return role in ADMIN_ROLES


def admin_permissions(role: str) -> list[Any]:
    """The Django admin's model permissions each role keeps (the administrator is a
    superuser): the coordinator keeps departments, areas and users; the statistics
    bureau the indicators' definitions (validation rules and methods)."""
    # Imported here: this module is imported while the apps' models are loading.
    from django.contrib.auth.models import Permission

    if role == Role.COORDINATOR:
        return list(Permission.objects.filter(content_type__app_label="orgs")
                    | Permission.objects.filter(content_type__app_label="auth",
                                                content_type__model="user"))
    if role == Role.MONITORING_LEAD:
        return list(Permission.objects.filter(content_type__app_label="data",
                                              content_type__model="validationrule")
                    | Permission.objects.filter(content_type__app_label="assessments",
                                                content_type__model="indicatormethod"))
    return []


def _role_in(name: str, roles: frozenset[Role] | frozenset[str]) -> rules.Predicate:
    members = frozenset(str(role) for role in roles)
    return rules.Predicate(lambda user: role_of(user) in members, name=name)


has_role = rules.Predicate(lambda user: role_of(user) is not None, name="has_role")
department_bound = rules.Predicate(is_department_bound, name="department_bound")
overseer = _role_in("overseer", OVERSEEING_ROLES)
coordinating = _role_in("coordinating", COORDINATING_ROLES)


def _department_id(subject: Any) -> int | None:
    """The department a subject belongs to (a department is its own)."""
    if subject.__class__.__name__ == "Department":
        return int(subject.pk)
    if hasattr(subject, "department_id"):
        return subject.department_id  # type: ignore[no-any-return]
    task = getattr(subject, "task", None)
    return task.department_id if task is not None else None


@rules.predicate
def own_department(user: Any, subject: Any) -> bool:
    """The subject is the user's department's (any subject, when none is named)."""
    if subject is None:
        return True
    own = department_of(user)
    return own is not None and _department_id(subject) == own.pk


def reads_everything(user: Any) -> bool:
    """The user's role reads every item (``restrict`` gives it all): one outside the
    departments."""
    role = role_of(user)
    return role is not None and role not in DEPARTMENT_ROLES


@rules.predicate
def may_see_item(user: Any, subject: Any) -> bool:
    """The subject is in what the user's role reads (``restrict``)."""
    if subject is None:
        return True
    if reads_everything(user) and subject.pk is not None:
        return True  # ``restrict`` gives such a role every item: no query for a stored one
    manager = type(subject)._default_manager
    return bool(manager.restrict(user).filter(pk=subject.pk).exists())


@rules.predicate
def started_the_job(user: Any, job: Any) -> bool:
    return job is not None and job.created_by_id == getattr(user, "pk", None)


@rules.predicate
def owns_the_token(user: Any, token: Any) -> bool:
    return token is not None and token.user_id == getattr(user, "pk", None)


# Where a workflow's permissions are filed (the app of the subject).
WORKFLOW_APPS = {"task": "data", "value": "data", "warning": "assessments",
                 "report": "reports", "year_report": "reports", "evaluation_item": "reports"}


def _transition_rule(transition: workflow.Transition) -> rules.Predicate:
    allowed = _role_in("workflow", frozenset(transition.who))
    if transition.own_department:
        return allowed & (~department_bound | own_department)
    return allowed


def transition_permission(subject: str, transition: str) -> str:
    """The permission of taking ``transition`` on a ``subject`` (``data.submit_task``)."""
    return f"{WORKFLOW_APPS[subject]}.{transition}_{subject}"


# The permission table: name → (predicate, what it allows, in English for the docs).
TABLE: dict[str, tuple[rules.Predicate, str]] = {
    "orgs.use_site": (has_role, "read the plan, the assessment and the menu's pages"),
    "orgs.use_admin": (_role_in("admin", ADMIN_ROLES), "open the Django admin"),
    "orgs.view_department": (has_role & may_see_item, "open a department's page"),
    "plans.view_indicator": (has_role & may_see_item, "open an indicator's values"),
    "plans.link_series": (coordinating,
                          "load a plan's successor and link indicators shared across plans"),
    "data.view_task": (has_role & may_see_item, "open a department's task of a round"),
    "data.view_unapproved_values": (
        overseer | (department_bound & may_see_item),
        "see an indicator's values not yet approved (marked with their state; everyone "
        "else sees approved values only)"),
    "data.open_round": (coordinating, "open a reporting round"),
    "data.import_earlier_years": (coordinating, "import the values of earlier years"),
    "imports.import_plan": (coordinating, "import a plan from its published text"),
    "assessments.recompute": (overseer, "recompute the assessment of a year"),
    "assessments.view_warning": (has_role & may_see_item, "open a warning"),
    "assessments.review_warnings": (coordinating, "see the answered warnings to review"),
    "reports.read_reports": (_role_in("report_reader", REPORT_READING_ROLES),
                             "read the reports and the evaluation rounds"),
    "reports.write_reports": (coordinating,
                              "create, write and generate reports; open evaluations"),
    "reports.view_evaluation_item": (
        (department_bound & own_department) | _role_in("report_reader", REPORT_READING_ROLES),
        "open an evaluation item"),
    "reports.read_year_report": (overseer | (department_bound & own_department),
                                 "read a department's yearly report"),
    "exchange.view_exchange": (has_role & ~department_bound,
                               "read the exchange with the city and the townships"),
    "exchange.manage_exchange": (_role_in("admin", ADMIN_ROLES),
                                 "change the exchange's settings and decide conflicts"),
    "jobs.view_job": (started_the_job | _role_in("admin", ADMIN_ROLES),
                      "follow a background job"),
    "tokens.revoke_token": (owns_the_token | _role_in("administrator", ADMINISTRATOR_ROLES),
                            "revoke an API token (another user's: the administrator)"),
    "orgs.change_accounts": (_role_in("administrator", ADMINISTRATOR_ROLES),
                             "create accounts; change roles, flags, groups, permissions "
                             "and other users' passwords"),
    "security.read_audit": (_role_in("administrator", ADMINISTRATOR_ROLES),
                            "search the audit trail and see the lockouts"),
    "security.unlock": (_role_in("administrator", ADMINISTRATOR_ROLES),
                        "unlock a locked account or address"),
    "security.second_factor": (_role_in("second_factor", SECOND_FACTOR_ROLES),
                               "give a second factor at login (when HALFSKY_TOTP is on)"),
}
for _workflow in workflow.WORKFLOWS:
    for _transition in _workflow.transitions:
        if _transition.who:
            TABLE[transition_permission(_workflow.subject, _transition.name)] = (
                _transition_rule(_transition),
                f"{_transition.name.replace('_', ' ')} ({_workflow.subject.replace('_', ' ')})")

for _name, (_predicate, _words) in TABLE.items():
    rules.set_perm(_name, _predicate)  # user.has_perm
    rules.set_rule(_name, _predicate)  # {% test_rule %}: no superuser shortcut


def may_take(user: Any, subject_kind: str, transition: str, subject: Any = None) -> bool:
    """Whether the user's role may take a workflow transition on the subject."""
    return may(user, transition_permission(subject_kind, transition), subject)


def moves(user: Any, flow: workflow.Workflow, state: str, subject: Any = None
          ) -> tuple[str, ...]:
    """The transitions the user may take now: those the state allows (workflow
    table) that the user's role takes on the subject (this table)."""
    return tuple(name for name in flow.moves(state)
                 if may_take(user, flow.subject, name, subject))


class RestrictedQuerySet(models.QuerySet[M]):
    """A queryset that knows which department fields make an item a department's.

    Subclasses set ``department_fields`` to the lookups that point at a
    Department (for example ``("lead", "supporting")``).
    """

    department_fields: tuple[str, ...] = ()

    def restrict(self, user: Any) -> RestrictedQuerySet[M]:
        """The items the user reads: all for a role outside the departments, the
        department's for its reporter and head, none without a role."""
        role = role_of(user)
        if role is None:
            return self.none()
        if role not in DEPARTMENT_ROLES:
            return self.all()
        department = department_of(user)
        if department is None:
            return self.none()
        condition = Q()
        for field in self.department_fields:
            condition |= Q(**{field: department.pk})
        return self.filter(pk__in=self.model._default_manager.filter(condition).values("pk"))
