"""The phrases: complete in Chinese, and the Chinese wording of rises, falls and units."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from halfsky.domain.reports import AnnualReport, Compendium, EvaluationReport, Join, Message
from halfsky.formats.reports import PhraseError, render_text


def words(report: AnnualReport, code: str, zh: Mapping[str, str]) -> str:
    facts = next(f for f in report.indicators if f.code == code)
    return render_text(facts.sentence, zh)


def test_the_chinese_phrases_are_complete(zh: Mapping[str, str], en: Mapping[str, str]) -> None:
    assert set(zh) == set(en) and all(zh.values()) and all(en.values())
    assert zh["report.annual.problems"] == "存在的问题" and en["report.annual.problems"] == "Problems"


def test_every_code_of_every_report_has_a_phrase(annual: AnnualReport, midterm: EvaluationReport,
                                                 compendium: Compendium,
                                                 zh: Mapping[str, str]) -> None:
    codes = annual.document().codes() | midterm.document().codes()
    codes |= {compendium.title.code}
    for sheet in compendium.sheets:
        for row in sheet.rows:
            for text in (row.group, row.target, row.status):
                if isinstance(text, Message):
                    codes |= set(text.codes())
    assert sorted(c for c in codes if c not in zh and not c.startswith("group.")) == []


@pytest.mark.parametrize(("code", "expected"), [
    # maternal mortality falls: good, in 个十万分点
    ("H03", "2024年，孕产妇死亡率为10.2/10万，比上年下降2.1个十万分点，已达到规划目标。"),
    # a percentage rises in 个百分点
    ("E03", "2024年，高中阶段毛入学率为94.6%，比上年提高1.2个百分点，按目前进度预计可如期实现规划目标。"),
    # a count rises in its own unit
    ("S01", "2024年，生育保险参保人数为5436人，比上年增加206人，已达到规划目标。"),
    # a ‰ rate rises and that is bad: 上升, not 提高
    ("H07", "2024年，育龄妇女人工流产率为7.52‰，比上年上升0.14个千分点，已达到规划目标。"),
    # a neutral count falls
    ("L03", "2024年，拐卖妇女犯罪案件立案数为1件，比上年减少2件，"),
])
def test_chinese_wording(annual: AnnualReport, zh: Mapping[str, str], code: str,
                         expected: str) -> None:
    assert words(annual, code, zh).startswith(expected)


def test_status_clause_follows_the_status(annual: AnnualReport, zh: Mapping[str, str]) -> None:
    clauses = {"met": "已达到规划目标", "expected_to_meet": "预计可如期实现规划目标",
               "at_risk": "实现规划目标存在困难", "moving_away": "变化方向与规划目标相反"}
    for facts in annual.indicators:
        text = words(annual, facts.code, zh)
        assert clauses[facts.status] in text, (facts.code, text)
        assert "{" not in text and "}" not in text


def test_overall_sentences(annual: AnnualReport, zh: Mapping[str, str]) -> None:
    phrases = zh
    section = annual.document().sections[1]
    first, second = (render_text(b.text, phrases) for b in section.blocks[:2])  # type: ignore[union-attr]
    counts = annual.overall.counts
    expected = "，".join(f"{name}{counts[status]}项" for status, name in (
        ("met", "已达标"), ("expected_to_meet", "预计可达标"), ("at_risk", "预计达标困难"),
        ("moving_away", "逆向变化"), ("insufficient_evidence", "证据不足"), ("no_data", "无数据"))
        if counts[status])
    assert first == f"2024年，规划确定的59项监测指标中，{expected}。"
    rate = f"{annual.overall.rate_all * 100:.1f}"
    assert second.startswith(f"按全部59项指标计算，已达标{counts['met']}项，达标率为{rate}%；")


def test_problems_in_words(annual: AnnualReport, zh: Mapping[str, str]) -> None:
    phrases = zh
    texts = [render_text(p.text, phrases) for p in annual.problems]
    assert texts[0] == "1．育龄妇女人工流产率。2024年为7.52‰，变化方向与规划目标相反。"
    assert texts[1] == ("县卫生健康和体育局分析原因：育龄妇女避孕节育知识普及不足；"
                        "整改措施：加强婚前和孕前保健宣传，推广避孕节育服务。")
    assert texts[2] == ("2．高中阶段毛入学率。2024年为94.6%，按目前趋势预计到2025年难以实现"
                        "规划目标（≥95%），年度间波动较大。")
    assert texts[3] == "县教育科技局尚未反馈原因分析和整改措施。"


def test_render_text(en: Mapping[str, str]) -> None:
    phrases = en
    assert render_text("plain", phrases) == "plain"
    assert render_text(Join(("a", Message("status.met")), "list.enumeration"), phrases) == "a, met"
    assert render_text(Message("group.15-19"), phrases) == "15-19"  # an unnamed group
    with pytest.raises(PhraseError):
        render_text(Message("report.nonsense"), phrases)
    # a field the phrase does not use is ignored; braces of other text stay
    assert render_text(Message("status.met", {"x": "{y}"}), {"status.met": "{x}{z}"}) == "{y}{z}"
