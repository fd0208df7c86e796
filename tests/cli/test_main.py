"""The ``halfsky`` command: plan load / show, demo, reference."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from halfsky.cli import main

PLAN = "jixian-women-2021-2025"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "halfsky.cli", *args], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=120,
    )


def test_plan_show_json_needs_no_database() -> None:
    # An unreachable PostgreSQL proves that no database is opened.
    result = run_cli("plan", "show", "--json", PLAN,
                     env={"DB": "postgres", "PGHOST": "127.0.0.1", "PGPORT": "1"})
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["plan"]["code"] == PLAN
    assert len(document["domains"]) == 8
    assert sum(len(d["goals"]) for d in document["domains"]) == 73
    assert sum(len(d["measures"]) for d in document["domains"]) == 96
    mortality = next(i for i in document["indicators"] if i["name"] == "孕产妇死亡率")
    assert {"kind": "threshold", "comparator": "le", "value": 12.5, "unit": "1/10万",
            "year": 2025}.items() <= mortality["targets"][0].items()


def test_plan_show_prints_a_readable_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "show", PLAN]) == 0
    out = capsys.readouterr().out
    assert "[1] 妇女与健康" in out
    assert "孕产妇死亡率" in out and "≤ 12.5 1/10万" in out


def test_unknown_plan_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "show", "no-such-plan"]) == 2
    assert "no plan file or shipped plan named 'no-such-plan'" in capsys.readouterr().err


def test_plan_list_names_the_shipped_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "list"]) == 0
    assert PLAN in capsys.readouterr().out.split()


def test_plan_load_twice_changes_nothing(db, capsys: pytest.CaptureFixture[str]) -> None:
    from halfsky.web.plans.models import Goal, Indicator, Measure, Target

    def counts() -> tuple[int, ...]:
        return (Goal.objects.count(), Measure.objects.count(), Indicator.objects.count(),
                Target.objects.count())

    before = counts()
    assert main(["plan", "load", PLAN]) == 0
    assert main(["plan", "load", PLAN]) == 0
    assert counts() == before
    assert before[:2] == (73, 96)
    assert "unchanged" in capsys.readouterr().out


def test_plan_show_without_plan_prints_the_stored_one(db, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["plan"]["code"] == PLAN


def test_demo_twice_duplicates_nothing(db, capsys: pytest.CaptureFixture[str]) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.values.models import Observation, ReferenceValue

    def counts() -> tuple[int, ...]:
        return (Observation.objects.count(), ReferenceValue.objects.count(),
                get_user_model().objects.count())

    assert main(["demo"]) == 0  # adds the demo's reporting round
    before = counts()
    assert main(["demo"]) == 0
    assert counts() == before
    out = capsys.readouterr().out
    assert "health_reporter" in out and "halfsky-demo" in out


def test_the_demo_adds_the_sample_plans_unless_told_not_to(db, capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    from halfsky.web.plans.models import Plan

    assert main(["demo", "--no-companions"]) == 0
    assert set(Plan.objects.values_list("code", flat=True)) == {PLAN}
    assert main(["demo"]) == 0
    assert set(Plan.objects.values_list("code", flat=True)) == {
        PLAN, "jixian-children-2021-2025", "jixian-women-2026-2030"}
    assert "plan jixian-children-2021-2025 (示例（非官方规划）)" in capsys.readouterr().out


def test_every_demo_value_is_marked_as_sample(db) -> None:
    from halfsky.web.values.models import Observation

    assert Observation.objects.exists()
    assert not Observation.objects.filter(is_sample=False).exists()


def test_reference_load_replaces_the_national_values(db, capsys: pytest.CaptureFixture[str]) -> None:
    from halfsky.web.values.models import ReferenceValue

    assert main(["reference", "load"]) == 0
    assert ReferenceValue.objects.count() == 250
    assert set(ReferenceValue.objects.values_list("geography", flat=True)) == {"全国"}


def test_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ["plan", "demo", "reference", "manage"]:
        assert command in result.stdout
