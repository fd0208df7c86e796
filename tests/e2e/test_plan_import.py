"""The coordinator imports a plan document in a real browser: upload, correct a target, publish, see it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

PLAN = """# 某县妇女发展规划（2026—2030年）

## 二、发展领域、主要目标和策略措施

### （一）妇女与健康

#### 主要目标：

1. 孕产妇死亡率下降到10/10万以内，城乡差距缩小。

2. 妇女健康素养水平不断提高。

#### 策略措施：

1. 完善保障妇女健康的制度机制。为35-64岁妇女提供筛查服务。

### （二）妇女与教育

#### 主要目标：

1. 高中阶段毛入学率达到96%以上。
"""


def test_coordinator_uploads_corrects_publishes_and_sees_the_plan(log_in: Any, demo_site: str,
                                                                  tmp_path: Path, menu: Any) -> None:
    page = log_in("coordinator")
    menu("规划", "规划导入")
    expect(page.get_by_role("heading", level=1)).to_have_text("规划导入")

    notice = tmp_path / "notice.txt"
    notice.write_text("关于召开会议的通知\n\n请于3月1日前报送材料。\n", encoding="utf-8")
    page.get_by_label("规划文件").set_input_files(notice)
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_role("alert")).to_contain_text("不像是发展规划")

    document = tmp_path / "plan.md"
    document.write_text(PLAN, encoding="utf-8")
    page.get_by_label("规划文件").set_input_files(document)
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("某县妇女发展规划（2026—2030年）")
    expect(page.locator("mark").first).to_have_text("孕产妇死亡率下降到10/10万以内")
    expect(page.locator("section.unrecognised")).to_contain_text("35-64岁")

    page.get_by_role("link", name="修改“孕产妇死亡率”的目标").first.click()
    expect(page.locator("blockquote mark")).to_have_text("孕产妇死亡率下降到10/10万以内")
    page.get_by_label("数值").fill("150")
    page.get_by_label("单位", exact=True).fill("%")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("百分比应在 0 到 100 之间")
    page.get_by_label("数值").fill("9")
    page.get_by_label("单位", exact=True).fill("1/10万")
    page.get_by_label("报送单位").select_option(label="县卫生健康和体育局")
    page.get_by_role("button", name="保存").click()
    row = page.locator("tr[data-target]").first
    expect(row).to_contain_text("9 1/10万")
    expect(row).to_contain_text("县卫生健康和体育局")
    expect(row).to_contain_text("已修改")

    page.get_by_label("地区").select_option(label="吉县")
    page.get_by_label("规划代码").fill("mouxian-women-2026-2030")
    page.get_by_role("button", name="发布规划").click()
    expect(page).to_have_url(re.compile(r"/plans/mouxian-women-2026-2030/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("某县妇女发展规划（2026—2030年）")
    page.get_by_role("link", name="妇女与健康").click()
    indicators = page.locator("table.indicators").first
    expect(indicators).to_contain_text("孕产妇死亡率")
    expect(indicators).to_contain_text("9")
    expect(indicators).to_contain_text("县卫生健康和体育局")


CORPUS = Path(__file__).resolve().parents[1] / "formats" / "plan_import" / "corpus"


def test_coordinator_imports_a_word_file_with_a_responsibility_table_and_publishes_it(
        log_in: Any, demo_site: str) -> None:
    page = log_in("coordinator")
    page.goto(f"{demo_site}/imports/")
    page.get_by_label("规划文件").set_input_files(CORPUS / "county-with-table.docx")
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("试点县妇女发展规划（2026—2030年）")
    duty = page.locator("#goal-health-1 .goal-duty")
    expect(duty).to_have_text("牵头：县卫生健康和体育局 · 配合：县妇联、县医疗保障局")  # 县卫健局
    problems = page.locator("section.problems")
    expect(problems).to_contain_text("“县巾帼志愿服务队”不在常见成员单位名录中，已作为新单位导入")
    row = page.locator("tr[data-target]").filter(has_text="孕产妇死亡率")
    expect(row).to_contain_text("≤ 12 1/10万")
    expect(row).to_contain_text("县卫生健康和体育局")

    page.get_by_label("地区").select_option(label="吉县")
    page.get_by_label("规划代码").fill("shidian-women-2026-2030")
    page.get_by_role("button", name="发布规划").click()
    expect(page).to_have_url(re.compile(r"/plans/shidian-women-2026-2030/$"))
    page.get_by_role("link", name="妇女与健康").click()
    indicators = page.locator("table.indicators").first
    expect(indicators).to_contain_text("孕产妇死亡率")
    expect(indicators).to_contain_text("县卫生健康和体育局")
