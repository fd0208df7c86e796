"""``halfsky plan successor OLD NEW_FILE``: proposes the links, and with --accept loads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from halfsky.cli import main
from halfsky.formats.plan_file import load_plan, plan_from_dict, plan_to_yaml
from tests.web.plans.test_series_links import NEW, OLD, shifted


def new_file(tmp_path: Path) -> Path:
    data = shifted(NEW, 5)
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "H05"]  # ended
    data["indicators"][0]["code"] = "H01N"  # same name, new code
    path = tmp_path / "next.yaml"
    path.write_text(plan_to_yaml(plan_from_dict(data)), encoding="utf-8")
    return path


def test_successor_prints_the_proposals_and_changes_nothing(
        db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from halfsky.web.plans.models import Plan

    path = new_file(tmp_path)
    before = path.read_text("utf-8")
    assert main(["plan", "successor", OLD, str(path)]) == 0
    out = capsys.readouterr().out
    assert "H01N" in out and "same name" in out and "same code and name" in out
    ended = out.split("ended:")[1].split("new:")[0]
    assert "H05" in ended and "H01 " not in ended
    assert path.read_text("utf-8") == before
    assert not Plan.objects.filter(code=NEW).exists()


def test_successor_accept_writes_the_links_and_loads_the_plan(
        db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from halfsky.web.plans.models import Indicator

    path = new_file(tmp_path)
    assert main(["plan", "successor", OLD, str(path), "--accept", "--only", "H01N,H03"]) == 0
    linked = {i.code: i.same_as for i in load_plan(path).indicators if i.same_as}
    assert {c: (s.plan, s.indicator) for c, s in linked.items()} == {
        "H01N": (OLD, "H01"), "H03": (OLD, "H03")}
    stored = Indicator.objects.get(plan__code=NEW, code="H01N")
    assert stored.same_as == Indicator.objects.get(plan__code=OLD, code="H01")
    assert Indicator.objects.get(plan__code=NEW, code="H02").same_as is None


def test_successor_of_an_unknown_plan_fails(db, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "successor", "no-such-plan", str(new_file(tmp_path))]) == 2
    assert "no-such-plan" in capsys.readouterr().err
