"""``halfsky assess-series``: a good file, each kind of bad input, exit codes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from halfsky.cli import main

WORKED_EXAMPLES = """series,year,value,direction,target,target_year,base_year,limit
A,2015,14.5,lower,7.25,2030,2015,
A,2023,10.2,lower,7.25,2030,2015,
B,2015,90,higher,,,2015,100
B,2021,93.2,higher,,,2015,100
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "input.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_opensdg_worked_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess-series", write(tmp_path, WORKED_EXAMPLES), "--method", "opensdg"]) == 0
    a, b = rows(capsys.readouterr().out)
    assert (a["series"], a["method"], a["status"], a["progress"], a["score"]) == (
        "A", "opensdg", "substantial_progress", "0.95259", "2.518556")
    assert (b["status"], b["score"], b["warnings"]) == ("substantial_progress", "2.815387",
                                                        "missing")


def test_default_method_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main(["assess-series", write(tmp_path, WORKED_EXAMPLES), "-o", str(out)]) == 0
    a, b = rows(out.read_text(encoding="utf-8"))
    assert (a["method"], a["status"], a["warnings"]) == ("china", "at_risk", "forecast_miss")
    assert a["forecast"] and a["baseline_year"] == "2015" and a["latest_value"] == "10.2"
    assert b["status"] == "met"  # no target: 逐步提高 (improved on the baseline)


def test_unsd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess-series", write(tmp_path, WORKED_EXAMPLES), "--method", "unsd"]) == 0
    a, b = rows(capsys.readouterr().out)
    assert a["status"] == "on_track" and b["status"] == "not_available"  # no target


@pytest.mark.parametrize(("text", "message"), [
    ("series,year\nA,2020\n", "line 1: missing column(s): value, direction"),
    ("series,year,value,direction\nA,2020,1,higher\nA,2021,ten,higher\n",
     "line 3 (series 'A'): column 'value' is not a number: 'ten'"),
    ("series,year,value,direction,target\nA,2020,1,higher,5\nA,2021,2,higher,6\n",
     "line 3 (series 'A'): column 'target' is '6' here but different"),
    ("series,year,value,direction\nA,2020,1,sideways\n",
     "line 2 (series 'A'): direction must be 'higher' or 'lower'"),
])
def test_bad_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    text: str, message: str) -> None:
    assert main(["assess-series", write(tmp_path, text)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("halfsky: ")
    assert message in captured.err


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess-series", str(tmp_path / "none.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_an_unknown_method_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as error:
        main(["assess-series", write(tmp_path, WORKED_EXAMPLES), "--method", "magic"])
    assert error.value.code == 2
