"""The indicator chart's option builder (static/halfsky/charts.js, run in node) on the JSON
the page feeds it: the value axis holds every value and target shown; plans of the same
period share one labelled area."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import halfsky.web
from halfsky.formats.plan_file import load_plan
from halfsky.web.demo_plans import CHILDREN_PLAN
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator

NODE = shutil.which("node")
SCRIPT = Path(halfsky.web.__file__).parent / "static" / "halfsky" / "charts.js"
pytestmark = pytest.mark.skipif(NODE is None, reason="node runs the chart code")
SHOWN = {"total": True, "forecast": True, "interval": True, "reference": True}


def option(data: dict[str, Any]) -> dict[str, Any]:
    """``seriesOption(data, shown)`` as the browser builds it."""
    program = (
        "global.window = {}; global.document = {readyState: 'complete', "
        "getElementById: () => null, querySelectorAll: () => []};"
        f"require({json.dumps(str(SCRIPT))});"
        f"process.stdout.write(JSON.stringify(window.HalfSkyCharts.seriesOption("
        f"{json.dumps(data)}, {json.dumps(SHOWN)})));")
    done = subprocess.run([str(NODE), "-e", program], capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def drawn_numbers(built: dict[str, Any]) -> list[float]:
    numbers = [p[1] for s in built["series"] for p in s["data"] if p[1] is not None]
    for s in built["series"]:
        for mark in s.get("markLine", {}).get("data", []):
            for end in mark if isinstance(mark, list) else [mark]:
                if "yAxis" in end:
                    numbers.append(end["yAxis"])
                elif "coord" in end:
                    numbers.append(end["coord"][1])
    return numbers


def test_the_axis_holds_a_cap_far_below_the_values(login) -> None:
    data = login("coordinator").get(
        "/api/indicators/H08/series?plan=jixian-women-2021-2025").json()
    data["targets"] = [{"value": 2.5, "year": 2025, "words": "≤2.5%"}]
    for series in data["series"]:
        for point in series["values"]:
            point["value"] = 8.0 + point["year"] % 3  # values 8–10, the cap at 2.5
    built = option(data)
    axis = built["yAxis"]
    numbers = drawn_numbers(built)
    assert 2.5 in numbers and 10.0 in numbers
    assert axis["min"] <= min(numbers) and axis["max"] >= max(numbers)
    assert axis["min"] == 0  # near zero: the axis starts at 0


def test_plans_of_the_same_period_share_one_labelled_area(login) -> None:
    do_load_plan(load_plan(CHILDREN_PLAN))  # 2021–2025 too, sharing some women's series
    shared = Indicator.objects.filter(plan__code=CHILDREN_PLAN,
                                      same_as__isnull=False).select_related("plan").first()
    assert shared is not None
    data = login("coordinator").get(
        f"/api/indicators/{shared.code}/series?plan={shared.plan.code}").json()
    periods = data["periods"]
    assert len(periods) == 2 and len({(p["baseline_year"], p["end_year"]) for p in periods}) == 1
    built = option(data)
    areas = built["series"][0]["markArea"]["data"]
    assert len(areas) == 1  # one shaded period, not two labels drawn over each other
    assert areas[0][0]["name"].split("\n") == [p["title"] for p in periods]
    axis, numbers = built["yAxis"], drawn_numbers(built)
    assert axis["min"] <= min(numbers) and axis["max"] >= max(numbers)
