"""Build a :class:`Plan` from the plain data of a plan file, checking it.

Every problem raises :class:`PlanFileError` with a message code, the
location of the offending value (``indicators[3].targets[0].comparator``)
and parameters. The public entry points live in :mod:`halfsky.formats.plan_file`.
"""

from __future__ import annotations

from halfsky.domain.breakdowns import BreakdownError, group_combination, order_combination
from halfsky.domain.plan import (
    Area,
    AreaLevel,
    Cadence,
    Department,
    Disaggregation,
    Domain,
    Goal,
    GoalKind,
    GoalRef,
    Indicator,
    Measure,
    Plan,
    Polarity,
    Responsibility,
    StatisticalPeriod,
)
from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.formats.plan_fields import Fields, PlanFileError
from halfsky.formats.plan_mapping import (
    check_exchange,
    read_aggregation,
    read_mapping,
    read_series_link,
)

FORMAT_VERSION = 1


class _Reader:
    """Reads a plan file's data; remembers what it has seen for cross-checks."""

    def __init__(self) -> None:
        self.departments: set[str] = set()
        self.goals: set[GoalRef] = set()
        self.start_year = 0
        self.end_year = 0
        self.parents: tuple[str, ...] = ()
        self.plan_code = ""

    def responsibility(self, fields: Fields) -> Responsibility:
        lead = fields.optional_text("lead")
        if lead is not None and lead not in self.departments:
            raise PlanFileError(
                "plan_file.unknown_department", fields.at("lead"), {"department": lead}
            )
        supporting = fields.texts("supporting")
        for index, code in enumerate(supporting):
            location = f"{fields.at('supporting')}[{index}]"
            if code not in self.departments:
                raise PlanFileError("plan_file.unknown_department", location, {"department": code})
            if code == lead or code in supporting[:index]:
                raise PlanFileError(
                    "plan_file.duplicate_department", location, {"department": code}
                )
        return Responsibility(lead=lead, supporting=supporting)

    def read(self, data: object) -> Plan:
        # The version first: a later format may have other keys.
        version = data.get("format_version") if isinstance(data, dict) else None
        if isinstance(data, dict) and "format_version" in data and version != FORMAT_VERSION:
            raise PlanFileError(
                "plan_file.unsupported_version",
                "format_version",
                {"version": version, "supported": [FORMAT_VERSION]},
            )
        top = Fields(
            data,
            "",
            ("format_version", "plan", "domains"),
            ("departments", "areas", "indicators", "organisation_text", "monitoring_text"),
        )
        head = Fields(
            top.data["plan"],
            "plan",
            ("code", "title", "region", "start_year", "end_year"),
            ("baseline_year", "parents"),
        )
        self.start_year, self.end_year = head.integer("start_year"), head.integer("end_year")
        if self.end_year < self.start_year:
            raise PlanFileError(
                "plan_file.bad_period",
                "plan.end_year",
                {"start_year": self.start_year, "end_year": self.end_year},
            )
        self.parents = head.texts("parents")
        self.plan_code = head.text("code", required=True)
        departments = self.read_departments(top)
        areas = self.read_areas(top)
        region = head.text("region", required=True)
        if areas and region not in {area.code for area in areas}:
            raise PlanFileError("plan_file.unknown_area", "plan.region", {"area": region})
        domains = self.read_domains(top)
        indicators = self.read_indicators(top)
        return Plan(
            code=self.plan_code,
            title=head.text("title", required=True),
            region=region,
            start_year=self.start_year,
            end_year=self.end_year,
            baseline_year=head.integer("baseline_year", self.start_year - 1),
            parents=self.parents,
            departments=departments,
            areas=areas,
            domains=domains,
            indicators=indicators,
            organisation_text=top.text("organisation_text"),
            monitoring_text=top.text("monitoring_text"),
        )

    def read_departments(self, top: Fields) -> tuple[Department, ...]:
        departments = []
        for index, raw in enumerate(top.items("departments")):
            fields = Fields(raw, f"departments[{index}]", ("code", "name"))
            code = fields.text("code", required=True)
            if code in self.departments:
                raise PlanFileError(
                    "plan_file.duplicate_department", fields.at("code"), {"department": code}
                )
            self.departments.add(code)
            departments.append(Department(code=code, name=fields.text("name", required=True)))
        return tuple(departments)

    def read_areas(self, top: Fields) -> tuple[Area, ...]:
        areas: list[Area] = []
        for index, raw in enumerate(top.items("areas")):
            fields = Fields(
                raw, f"areas[{index}]", ("code", "name", "level"), ("parent", "is_sample")
            )
            code = fields.text("code", required=True)
            known = {area.code for area in areas}
            if code in known:
                raise PlanFileError("plan_file.duplicate_area", fields.at("code"), {"area": code})
            parent = fields.optional_text("parent")
            if parent is not None and parent not in known:
                raise PlanFileError("plan_file.unknown_area", fields.at("parent"), {"area": parent})
            is_sample = fields.data.get("is_sample", False)
            if not isinstance(is_sample, bool):
                raise fields.bad_type("is_sample", "boolean")
            areas.append(
                Area(
                    code=code,
                    name=fields.text("name", required=True),
                    level=fields.enum("level", AreaLevel),
                    parent=parent,
                    is_sample=is_sample,
                )
            )
        return tuple(areas)

    def read_domains(self, top: Fields) -> tuple[Domain, ...]:
        domains: list[Domain] = []
        for index, raw in enumerate(top.items("domains")):
            fields = Fields(
                raw, f"domains[{index}]", ("code", "number", "name"), ("goals", "measures")
            )
            code, number = fields.text("code", required=True), fields.integer("number")
            if any(domain.code == code for domain in domains):
                raise PlanFileError(
                    "plan_file.duplicate_domain", fields.at("code"), {"domain": code}
                )
            if any(domain.number == number for domain in domains):
                raise PlanFileError(
                    "plan_file.duplicate_domain", fields.at("number"), {"number": number}
                )
            goals: list[Goal] = []
            for goal_index, goal_raw in enumerate(fields.items("goals")):
                goal_fields = Fields(
                    goal_raw,
                    f"{fields.at('goals')}[{goal_index}]",
                    ("number", "text"),
                    ("kind", "lead", "supporting"),
                )
                goal_number = goal_fields.integer("number")
                if any(goal.number == goal_number for goal in goals):
                    raise PlanFileError(
                        "plan_file.duplicate_goal",
                        goal_fields.at("number"),
                        {"domain": code, "number": goal_number},
                    )
                goals.append(
                    Goal(
                        number=goal_number,
                        text=goal_fields.text("text", required=True),
                        kind=goal_fields.enum("kind", GoalKind, GoalKind.QUALITATIVE),
                        responsibility=self.responsibility(goal_fields),
                    )
                )
                self.goals.add(GoalRef(code, goal_number))
            measures: list[Measure] = []
            for measure_index, measure_raw in enumerate(fields.items("measures")):
                measure_fields = Fields(
                    measure_raw,
                    f"{fields.at('measures')}[{measure_index}]",
                    ("number", "text"),
                    ("lead", "supporting"),
                )
                measure_number = measure_fields.integer("number")
                if any(measure.number == measure_number for measure in measures):
                    raise PlanFileError(
                        "plan_file.duplicate_measure",
                        measure_fields.at("number"),
                        {"domain": code, "number": measure_number},
                    )
                measures.append(
                    Measure(
                        number=measure_number,
                        text=measure_fields.text("text", required=True),
                        responsibility=self.responsibility(measure_fields),
                    )
                )
            domains.append(
                Domain(
                    code=code,
                    number=number,
                    name=fields.text("name", required=True),
                    goals=tuple(goals),
                    measures=tuple(measures),
                )
            )
        return tuple(domains)

    def goal_ref(self, fields: Fields) -> GoalRef:
        raw = fields.text("goal", required=True)
        domain, _, number = raw.rpartition(".")
        ref = GoalRef(domain, int(number)) if domain and number.isdigit() else None
        if ref is None or ref not in self.goals:
            raise PlanFileError("plan_file.unknown_goal", fields.at("goal"), {"goal": raw})
        return ref

    def read_indicators(self, top: Fields) -> tuple[Indicator, ...]:
        indicators: list[Indicator] = []
        for index, raw in enumerate(top.items("indicators")):
            fields = Fields(
                raw, f"indicators[{index}]", ("code", "name", "unit", "goal"), _INDICATOR_OPTIONAL
            )
            code = fields.text("code", required=True)
            if any(indicator.code == code for indicator in indicators):
                raise PlanFileError(
                    "plan_file.duplicate_indicator", fields.at("code"), {"indicator": code}
                )
            per = fields.optional_integer("per")
            if per is not None and per <= 0:
                raise PlanFileError("plan_file.bad_value", fields.at("per"), {"value": per})
            disaggregations, crossed = read_disaggregations(fields)
            aggregation, aggregation_weight = read_aggregation(fields)
            indicators.append(
                Indicator(
                    code=code,
                    name=fields.text("name", required=True),
                    unit=fields.text("unit"),
                    goal=self.goal_ref(fields),
                    definition=fields.text("definition"),
                    numerator=fields.text("numerator"),
                    denominator=fields.text("denominator"),
                    per=per,
                    polarity=fields.enum("polarity", Polarity, Polarity.HIGHER_IS_BETTER),
                    disaggregations=tuple(disaggregations),
                    crossed=tuple(crossed),
                    responsibility=self.responsibility(fields),
                    statistical_period=fields.enum(
                        "statistical_period", StatisticalPeriod, StatisticalPeriod.CALENDAR_YEAR
                    ),
                    cadence=fields.enum("cadence", Cadence, Cadence.YEARLY),
                    targets=tuple(
                        self.target(t, f"{fields.at('targets')}[{i}]", disaggregations, crossed)
                        for i, t in enumerate(fields.items("targets"))
                    ),
                    national_reference=fields.text("national_reference"),
                    maps_to=read_mapping(fields, self.parents),
                    same_as=read_series_link(fields, self.plan_code),
                    aggregation=aggregation,
                    aggregation_weight=aggregation_weight,
                )
            )
        codes = [indicator.code for indicator in indicators]
        for index, indicator in enumerate(indicators):
            for target_index, target in enumerate(indicator.targets):
                if target.relative_to is not None and (
                    target.relative_to not in codes or target.relative_to == indicator.code
                ):
                    raise PlanFileError(
                        "plan_file.bad_target",
                        f"indicators[{index}].targets[{target_index}].relative_to",
                        {"reason": "unknown_relative_to", "relative_to": target.relative_to},
                    )
        check_exchange(indicators)
        return tuple(indicators)

    def target(self, raw: object, location: str, disaggregations: list[Disaggregation],
               crossed: list[tuple[Disaggregation, ...]]) -> Target:
        fields = Fields(raw, location, ("kind",), _TARGET_OPTIONAL)
        kind = fields.enum("kind", TargetKind)
        comparator = (
            None if fields.data.get("comparator") is None else fields.enum("comparator", Comparator)
        )
        value, tolerance = fields.number("value"), fields.number("tolerance")
        year = fields.optional_integer("year")
        groups = fields.texts("groups") if "groups" in fields.data else None
        relative_to = fields.optional_text("relative_to")

        def bad(key: str, reason: str) -> PlanFileError:
            return PlanFileError(
                "plan_file.bad_target", fields.at(key), {"reason": reason, "kind": kind.value}
            )

        allowed = _COMPARATORS.get(kind, frozenset())
        if allowed:
            if comparator is None:
                raise bad("comparator", "missing_comparator")
            if comparator not in allowed:
                raise bad("comparator", "comparator_not_allowed")
            if value is None:
                raise bad("value", "missing_value")
        else:
            for key in ("comparator", "value"):
                if fields.data.get(key) is not None:
                    raise bad(key, "unexpected_value")
        if kind is TargetKind.APPROXIMATE and (tolerance is None or tolerance <= 0):
            raise bad("tolerance", "missing_tolerance")
        if kind is not TargetKind.APPROXIMATE and tolerance is not None:
            raise bad("tolerance", "unexpected_value")
        if kind is TargetKind.FULL_COVERAGE and value != 100:
            raise bad("value", "full_coverage_is_100")
        if (kind is TargetKind.GAP_NARROWS) != (groups is not None):
            raise bad("groups", "missing_groups" if groups is None else "unexpected_value")
        if groups is not None:
            if len(groups) != 2 or groups[0] == groups[1]:
                raise bad("groups", "two_groups")
            declared: list[tuple[str, ...]] = [(d.value,) for d in disaggregations]
            declared += [order_combination(d.value for d in c) for c in crossed]
            for group in groups:
                try:
                    needs = group_combination(group)
                except BreakdownError:
                    raise bad("groups", "bad_group") from None
                if needs and needs not in declared:
                    raise bad("groups", "groups_not_disaggregated")
        if (kind is TargetKind.RELATIVE) != (relative_to is not None):
            raise bad("relative_to",
                      "missing_relative_to" if relative_to is None else "unexpected_value")
        if year is not None and not self.start_year <= year <= self.end_year:
            raise bad("year", "year_outside_period")
        return Target(
            kind=kind,
            unit=fields.text("unit"),
            year=year,
            comparator=comparator,
            value=value,
            tolerance=tolerance,
            groups=(groups[0], groups[1]) if groups else None,
            relative_to=relative_to,
            source=fields.text("source"),
        )


_INDICATOR_OPTIONAL = (
    "definition",
    "numerator",
    "denominator",
    "per",
    "aggregation",
    "aggregation_weight",
    "polarity",
    "disaggregations",
    "lead",
    "supporting",
    "statistical_period",
    "cadence",
    "national_reference",
    "maps_to",
    "same_as",
    "targets",
)
_TARGET_OPTIONAL = (
    "comparator",
    "value",
    "tolerance",
    "unit",
    "year",
    "groups",
    "relative_to",
    "source",
)
_ORDER = frozenset({Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT})
_COMPARATORS: dict[TargetKind, frozenset[Comparator]] = {
    TargetKind.THRESHOLD: _ORDER | {Comparator.EQ},
    TargetKind.APPROXIMATE: frozenset({Comparator.APPROX}),
    TargetKind.MAINTAIN: _ORDER,
    TargetKind.FULL_COVERAGE: frozenset({Comparator.GE}),
}
BREAKDOWN_DIMENSIONS = [d for d in Disaggregation if d is not Disaggregation.TOWNSHIP]


def read_disaggregations(
    fields: Fields,
) -> tuple[list[Disaggregation], list[tuple[Disaggregation, ...]]]:
    """``disaggregations``: dimension codes, and lists of dimensions for a cross product
    (``[sex, [sex, urban_rural]]``); the single dimensions and the cross products."""
    singles: list[Disaggregation] = []
    crossed: list[tuple[Disaggregation, ...]] = []
    allowed = [member.value for member in Disaggregation]
    for item_index, value in enumerate(fields.items("disaggregations")):
        location = f"{fields.at('disaggregations')}[{item_index}]"
        if isinstance(value, list):
            crossable = [d.value for d in BREAKDOWN_DIMENSIONS]
            for part in value:
                if part not in crossable:
                    raise PlanFileError(
                        "plan_file.unknown_value", location, {"value": part, "allowed": crossable}
                    )
            combination = tuple(Disaggregation(d) for d in order_combination(value))
            if len(combination) != len(value) or len(combination) < 2:
                raise PlanFileError("plan_file.bad_crossing", location, {"value": value})
            if combination in crossed:
                raise PlanFileError("plan_file.duplicate_value", location, {"value": value})
            crossed.append(combination)
            continue
        if value not in allowed:
            raise PlanFileError(
                "plan_file.unknown_value", location, {"value": value, "allowed": allowed}
            )
        if value in singles:
            raise PlanFileError("plan_file.duplicate_value", location, {"value": value})
        singles.append(Disaggregation(value))
    return singles, crossed


def plan_from_data(data: object) -> Plan:
    return _Reader().read(data)
