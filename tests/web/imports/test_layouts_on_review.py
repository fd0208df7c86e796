"""The review screen of documents in published layouts: problems per line, text left out,
departments from a responsibility table, and publishing such a plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

CORPUS = Path(__file__).resolve().parents[2] / "formats" / "plan_import" / "corpus"
PROBLEMS = ("某县妇女发展规划（2026—2030年）\n\n一、妇女与健康\n\n主要目标：\n\n"
            "1.孕产妇死亡率控制在10/10万以下。\n\n2.妇女每周参加3次体育锻炼。\n\n"
            "2.妇女健康素养水平不断提高。\n\n策略措施：\n\n1.完善制度。\n")


@pytest.fixture
def coordinator(login):
    return login("coordinator")


def upload(client, data: bytes, name: str):
    from halfsky.web.imports.models import ImportDraft

    response = client.post("/imports/", {"document": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return ImportDraft.objects.get(filename=name)


def test_problems_are_shown_at_their_line_in_words(coordinator) -> None:
    draft = upload(coordinator, PROBLEMS.encode(), "problems.txt")
    page = coordinator.get(f"/imports/{draft.pk}/").content.decode()
    assert "第9行（妇女与健康 · 主要目标 2）" in page
    assert "“妇女每周参加3次体育锻炼”含有数字，但没有读出目标" in page
    assert "编号 2 与前一条重复" in page
    assert page.count('class="error small goal-problem"') == 2  # attached to goal 2 as well
    assert "indicators[" not in page


def test_web_page_clutter_is_listed_as_text_left_out(coordinator) -> None:
    draft = upload(coordinator, (CORPUS / "city-site.html").read_bytes(), "city-site.html")
    page = coordinator.get(f"/imports/{draft.pk}/").content.decode()
    assert "删去的文字" in page and "第3行 · 网页或版面杂项：" in page
    for clutter in ("手机版", "编辑：王某 监审：李某", "— 3 —"):
        assert clutter in page
    assert "“市女企业家协会”不在常见成员单位名录中" in page


def test_a_word_file_with_a_responsibility_table_publishes_its_departments(coordinator) -> None:
    from halfsky.web.orgs.models import Area, Department
    from halfsky.web.plans.models import Indicator

    draft = upload(coordinator, (CORPUS / "county-with-table.docx").read_bytes(), "county.docx")
    mortality = draft.indicators.get(name="孕产妇死亡率")
    assert mortality.department.name == "县卫生健康和体育局"  # 县卫健局 matched
    page = coordinator.get(f"/imports/{draft.pk}/").content.decode()
    assert "牵头：县卫生健康和体育局 · 配合：县妇联、县医疗保障局" in page
    assert "县巾帼志愿服务队" in page
    area = Area.objects.get(code="141028")
    response = coordinator.post(f"/imports/{draft.pk}/publish/", {
        "region": area.pk, "code": "shidian-women-2026-2030", "title": draft.title})
    assert response.status_code == 302
    published = Indicator.objects.get(plan__code="shidian-women-2026-2030", name="孕产妇死亡率")
    assert published.lead.name == "县卫生健康和体育局"
    vocational = Indicator.objects.get(plan__code="shidian-women-2026-2030",
                                       name="女性接受职业教育的比例")
    assert {d.name for d in vocational.supporting.all()} == {"县人力资源和社会保障局", "县巾帼志愿服务队"}
    assert Department.objects.filter(name="县巾帼志愿服务队").count() == 1
