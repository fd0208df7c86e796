"""``halfsky plan import``: a document becomes a plan file that ``plan load`` accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from halfsky.cli import main
from halfsky.formats.plan_file import load_plan

PLAN_MD = Path(__file__).resolve().parents[2] / "halfsky" / "data" / "plans" / (
    "jixian-women-2021-2025.md")


def test_import_writes_a_plan_file_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    out = tmp_path / "plan.yaml"
    assert main(["plan", "import", str(PLAN_MD), "-o", str(out)]) == 0
    plan = load_plan(out)
    assert sum(len(d.goals) for d in plan.domains) == 73
    err = capsys.readouterr().err
    assert "8 domains, 73 goals, 96 measures" in err
    assert "health measure 5" in err  # unrecognised number-bearing sentences are listed


def test_import_json_prints_the_form_of_plan_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "import", str(PLAN_MD), "--json", "--code", "jx"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format_version"] == 1 and document["plan"]["code"] == "jx"
    mortality = next(i for i in document["indicators"] if i["name"] == "孕产妇死亡率")
    assert {"kind": "threshold", "comparator": "le", "value": 12.5, "unit": "1/10万",
            "year": 2025}.items() <= mortality["targets"][0].items()


def test_unknown_region_gets_a_placeholder_and_a_note(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan.md"
    source.write_text("# 某县妇女发展规划（2026—2030年）\n\n## 一、妇女与健康\n\n### 主要目标\n\n"
                      "1. 孕产妇死亡率下降到10/10万以内。\n", encoding="utf-8")
    assert main(["plan", "import", str(source), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["plan"]["region"] == "000000"
    assert "pass --region CODE" in captured.err
    assert main(["plan", "import", str(source), "--json", "--region", "141028",
                 "--period", "2026-2030"]) == 0
    assert json.loads(capsys.readouterr().out)["plan"]["region"] == "141028"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty [plan_import.empty]"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "[plan_import.binary]"),
        ("年度工作总结\n\n今年完成了3项任务。\n".encode(), "this is not a development plan"),
    ],
    ids=["empty", "binary", "arbitrary"],
)
def test_bad_documents_write_nothing_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                content: bytes, message: str) -> None:
    source, out = tmp_path / "doc.txt", tmp_path / "plan.yaml"
    source.write_bytes(content)
    assert main(["plan", "import", str(source), "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [source]


def test_a_50_mb_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.docx"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert main(["plan", "import", str(big), "-o", str(tmp_path / "p.yaml")]) == 2
    assert "too large" in capsys.readouterr().err
    assert not (tmp_path / "p.yaml").exists()


def test_missing_file_and_bad_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "import", "/no/such/plan.md"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["plan", "import", str(PLAN_MD), "--period", "2025"]) == 2
    assert "[plan_import.bad_period]" in capsys.readouterr().err


PROBLEM_PLAN = """某县妇女发展规划（2026—2030年）

一、妇女与健康

主要目标：

1.孕产妇死亡率控制在10/10万以下。

2.妇女每周参加3次体育锻炼。

2.妇女健康素养水平不断提高。

3.适龄妇女宫颈癌人群筛查率达到70%以上。

策略措施：

1.完善妇女健康服务体系。
"""


def test_one_unreadable_target_and_one_duplicate_number_are_two_problems(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PROBLEM_PLAN, encoding="utf-8")
    assert main(["plan", "import", str(source), "--json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    problems = document["problems"]
    assert [(p["code"], p["line"], p["number"]) for p in problems] == [
        ("unreadable_target", 9, 2), ("duplicate_number", 11, 2)]
    assert problems[0]["message"] == (
        "第9行（妇女与健康·主要目标第2条）：“妇女每周参加3次体育锻炼”含有数字，但没有读出目标；"
        "请在审核页面补录这个目标，或确认它不是目标。")
    assert problems[1]["message"].startswith("第11行（妇女与健康·主要目标第2条）：编号2与前一条重复")
    assert all("[" not in p["message"] and "indicators" not in p["message"] for p in problems)
    assert [g["number"] for g in document["domains"][0]["goals"]] == [1, 2, 3]  # the rest imported
    assert {i["name"] for i in document["indicators"]} == {
        "孕产妇死亡率", "妇女健康素养水平", "适龄妇女宫颈癌人群筛查率"}
    assert "problems (2; the rest was imported):" in captured.err


def test_the_json_for_a_file_stays_a_plan_file(tmp_path: Path) -> None:
    source, out = tmp_path / "plan.txt", tmp_path / "plan.json"
    source.write_text(PROBLEM_PLAN, encoding="utf-8")
    assert main(["plan", "import", str(source), "-o", str(out)]) == 0
    assert "problems" not in json.loads(out.read_text(encoding="utf-8"))
    assert load_plan(out).end_year == 2030


def test_the_shipped_jixian_plan_says_le_2_5_for_mother_to_child_hiv(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "show", "jixian-women-2021-2025"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "H08 艾滋病母婴传播率" in line)
    assert "≤ 2.5 %" in line
