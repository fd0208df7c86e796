"""``halfsky plan import FILE``: a plan document becomes a plan file.

Kept apart from ``cli.py``, which only registers the sub-command. A part of
the document that cannot be read is a problem, said as a Chinese sentence
that names the line and what to do; the rest imports and the exit code is 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from halfsky.formats.plan_file import plan_to_dict, plan_to_yaml
from halfsky.formats.plan_import import (
    MAX_DOCUMENT_BYTES,
    PLACEHOLDER_REGION,
    PlanImport,
    PlanImportError,
    Problem,
    import_plan_file,
)

IMPORT_MESSAGES = {
    "plan_import.not_found": "no such file: {path}",
    "plan_import.too_large": "the file is too large ({size} bytes; the limit is {limit} bytes)",
    "plan_import.empty": "the file is empty",
    "plan_import.binary": "the file is not a text document (binary content)",
    "plan_import.unsupported_format": "unsupported format {format}: save the document as "
    ".docx, .pdf, .html, .md or .txt",
    "plan_import.unreadable": "the {format} file is damaged and cannot be read",
    "plan_import.encrypted": "the PDF is encrypted",
    "plan_import.no_text_layer": "the PDF has no text layer (a scan?): run OCR first",
    "plan_import.too_long": "the document is too long ({chars} characters)",
    "plan_import.not_a_plan": "this is not a development plan: no domain with 主要目标 "
    "(main goals) was found",
    "plan_import.no_period": "the plan period was not found in the title: pass --period 2021-2025",
    "plan_import.invalid_plan": "the imported plan is not valid: {problem}",
    "plan_import.bad_period": "--period must be two years, e.g. 2021-2025",
}

# The problems of an import, as the reviewer reads them (see formats/plan_import/problems.py).
PROBLEM_SENTENCES = {
    "duplicate_number": "编号{number}与前一条重复，这段文字已并入第{previous}条；请核对原文的编号。",
    "unreadable_target": "“{text}”含有数字，但没有读出目标；请在审核页面补录这个目标，或确认它不是目标。",
    "year_outside_period": "目标年份{year}年不在规划期{start}—{end}年内，已按{end}年导入；请核对目标年份。",
    "no_goals": "领域“{domain}”没有读到编号的主要目标；请核对原文的主要目标是否逐条编号。",
    "unknown_department": "“{name}”不在常见成员单位名录中，已作为新单位导入；请核对单位名称。",
    "invalid_target": "从“{text}”读出的目标无法写入规划文件，已略去；请在审核页面补录这个目标。",
    "unmatched_row": "责任分解表中的“{text}”在正文中没有对应的目标，已作为“{domain}”的第{number}条目标"
    "导入；请核对。",
}
_SECTIONS = {"goal": "主要目标", "measure": "策略措施"}


def problem_sentence(problem: Problem) -> str:
    """'第12行（妇女与健康·主要目标第2条）：…' — the line, then what happened and what to do."""
    where = f"第{problem.line}行" if problem.line else "表格中"
    if problem.domain and problem.number:
        where += f"（{problem.domain}·{_SECTIONS.get(problem.section, '')}第{problem.number}条）"
    elif problem.domain:
        where += f"（{problem.domain}）"
    values = {"text": problem.text, "domain": problem.domain, "number": problem.number,
              **problem.params}
    template = PROBLEM_SENTENCES.get(problem.code, "“{text}”需要人工核对。")
    try:
        return f"{where}：{template.format(**values)}"
    except (KeyError, IndexError):
        return f"{where}：{template}"


def _review_data(result: PlanImport) -> dict[str, object]:
    """What the reviewer checks beside the plan: problems, text left out, values the plan lacks."""
    return {
        "problems": [{**p.as_data(), "message": problem_sentence(p)} for p in result.problems],
        "left_out": [{"line": item.line, "text": item.text, "reason": item.reason}
                     for item in result.left_out],
        "relative_changes": [
            {"indicator": s.indicator, "target": s.position, "source": s.span.text,
             "direction": s.change.direction, "amount": s.change.amount,
             "measure": s.change.measure, "base_year": s.change.base_year}
            for s in result.sources if s.change is not None
        ],
        "baselines": [vars(b) for b in result.baselines],
        "section_texts": [{"domain": d, "section": s, "text": t} for d, s, t in result.section_texts],
    }


def import_message(code: str, params: dict[str, object]) -> str:
    template = IMPORT_MESSAGES.get(code, code)
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = template
    return f"{text} [{code}]"


def _period(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*[-–—]\s*(\d{4})\s*", value)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise PlanImportError("plan_import.bad_period")
    return int(match.group(1)), int(match.group(2))


def _write(path: Path, text: str) -> None:
    """Write all or nothing: a temporary file beside the target, then a rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=".halfsky-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _summary(result: PlanImport) -> str:
    plan = result.plan
    targets = sum(len(i.targets) for i in plan.indicators)
    lines = [
        f"{plan.title} ({plan.start_year}–{plan.end_year}, {result.format}): "
        f"{len(plan.domains)} domains, {sum(len(d.goals) for d in plan.domains)} goals, "
        f"{sum(len(d.measures) for d in plan.domains)} measures, "
        f"{len(plan.indicators)} indicators with {targets} targets"
    ]
    if not result.region_known:
        lines.append(f"region {result.region_name or '?'}: code unknown, "
                     f"{PLACEHOLDER_REGION} written; pass --region CODE")
    if result.unrecognised:
        lines.append("sentences with numbers that gave no target (check them):")
        lines.extend(f"  {u.domain} {u.section} {u.number}: {u.span.text}"
                     for u in result.unrecognised)
    if result.left_out:
        lines.append(f"text left out ({len(result.left_out)} lines of page furniture):")
        lines.extend(f"  {item.line}: {item.text}" for item in result.left_out)
    if result.problems:
        lines.append(f"problems ({len(result.problems)}; the rest was imported):")
        lines.extend(f"  {problem_sentence(problem)}" for problem in result.problems)
    return "\n".join(lines)


def cmd_plan_import(args: argparse.Namespace) -> int:
    try:
        result = import_plan_file(args.file, code=args.code, region=args.region,
                                  period=_period(args.period))
    except PlanImportError as error:
        print(f"halfsky: {import_message(error.code, error.params)}", file=sys.stderr)
        return 2
    if args.json and args.output is None:  # the plan with what the reviewer checks
        data = {**plan_to_dict(result.plan), **_review_data(result)}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif args.json:
        text = json.dumps(plan_to_dict(result.plan), ensure_ascii=False, indent=2) + "\n"
    elif args.output is not None and args.output.suffix.lower() == ".json":
        text = json.dumps(plan_to_dict(result.plan), ensure_ascii=False, indent=2) + "\n"
    else:
        text = plan_to_yaml(result.plan)
    if args.output is not None:
        _write(args.output, text)
    else:
        sys.stdout.write(text)
    print(_summary(result), file=sys.stderr)
    return 0


def add_import_parser(plan_commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = plan_commands.add_parser(
        "import", help="turn a plan document (.md .txt .docx .html .pdf) into a plan file",
        description="Read a published plan document and write the plan file that "
        f"'halfsky plan load' accepts. Files over {MAX_DOCUMENT_BYTES // 2**20} MB are refused.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the plan document")
    parser.add_argument("-o", "--output", metavar="PLAN.yaml", type=Path,
                        help="write the plan file here (.yaml, or .json); default: standard output")
    parser.add_argument("--json", action="store_true",
                        help="JSON (the form of 'halfsky plan show --json') instead of YAML; on "
                        "standard output it adds problems, left_out, relative_changes, baselines "
                        "and section_texts for review")
    parser.add_argument("--code", help="plan code (default: REGION-women-START-END)")
    parser.add_argument("--region", metavar="CODE",
                        help="GB/T 2260 code of the plan's region (default: recognised from the title)")
    parser.add_argument("--period", metavar="START-END",
                        help="plan period, e.g. 2026-2030 (default: read from the title)")
    parser.set_defaults(func=cmd_plan_import)
