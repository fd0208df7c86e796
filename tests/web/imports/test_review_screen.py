"""The review screen: upload, review side by side, correct a target, publish; only for the coordinator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PLAN_MD = Path(__file__).resolve().parents[3] / "halfsky" / "data" / "plans" / (
    "jixian-women-2021-2025.md")


def upload(client, data: bytes, name: str = "jixian.md"):
    return client.post("/imports/", {"document": SimpleUploadedFile(name, data)})


@pytest.fixture
def coordinator(login):
    return login("coordinator")


@pytest.fixture
def draft(coordinator):
    from halfsky.web.imports.models import ImportDraft

    response = upload(coordinator, PLAN_MD.read_bytes())
    assert response.status_code == 302
    return ImportDraft.objects.get()


def target_of(draft, name: str, kind: str | None = None):
    from halfsky.web.imports.models import DraftTarget

    rows = DraftTarget.objects.filter(indicator__draft=draft, indicator__name=name)
    return rows.get(kind=kind) if kind else rows.first()


@pytest.mark.parametrize("username", ["statistics", "health_reporter", "health_head", "leader",
                                      "viewer", "stranger"])
def test_only_coordinator_and_administrator_may_import(login, username: str) -> None:
    client = login(username)
    assert client.get("/imports/").status_code == 403
    assert upload(client, PLAN_MD.read_bytes()).status_code == 403
    assert client.post("/imports/1/publish/", {}).status_code == 403


def test_others_cannot_open_a_draft(draft, login) -> None:
    target = target_of(draft, "孕产妇死亡率")
    client = login("viewer")
    assert client.get(f"/imports/{draft.pk}/").status_code == 403
    assert client.get(f"/imports/{draft.pk}/targets/{target.pk}/").status_code == 403


@pytest.mark.parametrize("username", ["coordinator", "admin"])
def test_coordinator_and_administrator_open_the_upload_page(login, username: str) -> None:
    page = login(username).get("/imports/")
    assert page.status_code == 200
    assert 'data-menu="imports"' in page.content.decode()


def test_upload_creates_a_draft_shown_side_by_side(coordinator, draft) -> None:
    assert (draft.format, draft.start_year, draft.end_year) == ("text", 2021, 2025)
    assert draft.region is not None and draft.region.code == "141028"
    assert draft.indicators.count() > 40
    page = coordinator.get(f"/imports/{draft.pk}/").content.decode()
    assert page.count('class="review-goal"') == 73
    mortality = target_of(draft, "孕产妇死亡率", "threshold")
    assert f'<mark data-targets="{mortality.pk} ">孕产妇死亡率下降到12.5/10万以内</mark>' in page
    assert f'id="target-{mortality.pk}"' in page
    assert "35-45岁女性宫颈癌人群筛查率" in page  # unrecognised sentences are listed
    assert "妇女是人类文明的开创者" in page  # the document's text


def test_the_same_document_twice_gives_the_same_draft(coordinator, draft) -> None:
    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.imports.models import DraftIndicator, ImportDraft

    events, indicators = AuditEvent.objects.count(), DraftIndicator.objects.count()
    response = upload(coordinator, PLAN_MD.read_bytes(), "copy-of-the-plan.md")
    assert response.status_code == 302 and response.url == f"/imports/{draft.pk}/"
    assert ImportDraft.objects.count() == 1
    assert (AuditEvent.objects.count(), DraftIndicator.objects.count()) == (events, indicators)


def test_a_revised_document_shows_what_changed(coordinator, draft) -> None:
    from halfsky.web.imports.models import ImportDraft

    text = PLAN_MD.read_text(encoding="utf-8")
    revised = text.replace("下降到 12.5/10 万以内", "下降到 11/10 万以内").replace(
        "2. 全面落实男女平等基本国策", "2. 全面贯彻男女平等基本国策")
    assert revised != text
    response = upload(coordinator, revised.encode("utf-8"), "jixian-v2.md")
    new = ImportDraft.objects.exclude(pk=draft.pk).get()
    assert response.url == f"/imports/{new.pk}/"
    assert new.previous_id == draft.pk
    changes = {(c["what"], c["change"], c["where"]) for c in new.changes}
    assert ("goal", "changed", "health.2") in changes
    assert ("target", "changed", "health.2") in changes
    page = coordinator.get(f"/imports/{new.pk}/").content.decode()
    assert "11 1/10万" in page and "12.5 1/10万" in page


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.md", "空文件"),
        (bytes(range(256)) * 20, "photo.jpg", "不是文本文档"),
        ("# 会议纪要\n\n1. 会议于3月召开。\n".encode(), "minutes.md", "不像是发展规划"),
        (b"PK\x03\x04broken", "plan.docx", "已损坏"),
    ],
    ids=["empty", "binary", "arbitrary", "damaged-docx"],
)
def test_a_bad_document_gives_a_clear_message_and_stores_nothing(coordinator, data, name,
                                                                 message) -> None:
    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.imports.models import ImportDraft

    events = AuditEvent.objects.count()
    response = upload(coordinator, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportDraft.objects.exists() and AuditEvent.objects.count() == events


def test_a_50_mb_upload_is_refused_by_its_size_before_it_is_read(db) -> None:
    from halfsky.web.imports.forms import UploadForm

    class Unreadable(SimpleUploadedFile):
        def read(self, *args, **kwargs):  # pragma: no cover - must not be called
            raise AssertionError("the upload was read")

    big = Unreadable("big.pdf", b"")
    big.size = 50 * 1024 * 1024
    form = UploadForm(files={"document": big})
    assert not form.is_valid()
    assert "50.0" in form.errors["document"][0] and "20.0" in form.errors["document"][0]


def test_edit_a_target_with_server_side_validation(coordinator, draft) -> None:
    from halfsky.web.audit.models import AuditEvent

    target = target_of(draft, "体育人口占比")
    url = f"/imports/{draft.pk}/targets/{target.pk}/"
    form = coordinator.get(url).content.decode()
    assert "体育人口占比达到50%以上" in form
    good = {"name": "经常参加体育锻炼的妇女占比", "department": "", "kind": "threshold",
            "comparator": "ge", "value": "55", "tolerance": "", "unit": "%", "year": "2025"}
    for bad, field in [({"value": "150"}, "value"), ({"value": ""}, "value"),
                       ({"comparator": "approx"}, "comparator"), ({"year": "2030"}, "year"),
                       ({"name": ""}, "name"), ({"kind": "approximate"}, "tolerance")]:
        response = coordinator.post(url, {**good, **bad})
        assert response.status_code == 400, bad
        assert field in response.context["form"].errors, bad
    target.refresh_from_db()
    assert target.value == 50 and not target.edited
    from halfsky.web.orgs.models import Department

    health = Department.objects.get(code="health")
    response = coordinator.post(url, {**good, "department": health.pk})
    assert response.status_code == 302 and response.url.endswith(f"#target-{target.pk}")
    target.refresh_from_db()
    assert (target.value, target.comparator, target.edited) == (55, "ge", True)
    assert (target.indicator.name, target.indicator.department) == ("经常参加体育锻炼的妇女占比",
                                                                   health)
    assert AuditEvent.objects.filter(action="import.edit_target").count() == 1


def test_publish_stores_the_plan_with_the_chosen_region_and_departments(coordinator, draft) -> None:
    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.orgs.models import Area, Department
    from halfsky.web.plans.models import Goal, Indicator, Plan

    target = target_of(draft, "孕产妇死亡率", "threshold")
    health = Department.objects.get(code="health")
    coordinator.post(f"/imports/{draft.pk}/targets/{target.pk}/", {
        "name": "孕产妇死亡率", "department": health.pk, "kind": "threshold",
        "comparator": "le", "value": "12", "unit": "1/10万", "year": "2025"})
    area = Area.objects.get(code="141028")
    response = coordinator.post(f"/imports/{draft.pk}/publish/", {
        "region": area.pk, "code": "jixian-imported", "title": "吉县妇女发展规划（导入）"})
    assert response.status_code == 302 and response.url == "/plans/jixian-imported/"
    plan = Plan.objects.get(code="jixian-imported")
    assert (plan.region, plan.title) == (area, "吉县妇女发展规划（导入）")
    assert Goal.objects.filter(domain__plan=plan).count() == 73
    mortality = Indicator.objects.get(plan=plan, name="孕产妇死亡率")
    assert mortality.lead == health
    assert [(t.kind, t.comparator, t.value) for t in mortality.targets.all()] == [
        ("threshold", "le", 12.0), ("gap_narrows", "", None)]
    assert Indicator.objects.filter(plan=plan, lead__isnull=True).exists()  # unassigned
    draft.refresh_from_db()
    assert (draft.status, draft.published_code) == ("published", "jixian-imported")
    assert AuditEvent.objects.filter(action="import.publish").exists()
    page = coordinator.get("/plans/jixian-imported/").content.decode()
    assert re.search(r'data-count="goals">73<', page)


def test_publish_needs_a_region_and_a_valid_code(coordinator, draft) -> None:
    from halfsky.web.plans.models import Plan

    before = Plan.objects.count()
    response = coordinator.post(f"/imports/{draft.pk}/publish/", {"region": "", "code": "a b",
                                                                    "title": "x"})
    assert response.status_code == 400
    assert set(response.context["publish_form"].errors) == {"region", "code"}
    assert Plan.objects.count() == before


def test_publishing_over_a_plan_with_values_is_refused_in_words(coordinator, draft) -> None:
    from halfsky.web.orgs.models import Area
    from halfsky.web.plans.models import Plan

    stored = Plan.objects.get(code="jixian-women-2021-2025")
    response = coordinator.post(f"/imports/{draft.pk}/publish/", {
        "region": Area.objects.get(code="141028").pk, "code": "jixian-women-2021-2025",
        "title": "吉县妇女发展规划（导入）"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "不能以此代码发布规划" in page and "plan_load." not in page
    stored.refresh_from_db()
    assert stored.title == "吉县妇女发展“十四五”规划"  # unchanged
    draft.refresh_from_db()
    assert draft.status != "published"


def test_a_cross_product_in_the_draft_is_published_with_the_plan(coordinator, draft) -> None:
    from halfsky.web.orgs.models import Area
    from halfsky.web.plans.models import Indicator
    from halfsky.web.values.scope import breakdowns

    document = draft.document
    first = document["indicators"][0]
    first["disaggregations"] = ["sex", ["urban_rural", "sex"]]
    draft.document = document
    draft.save(update_fields=["document"])
    page = coordinator.get(f"/imports/{draft.pk}/").content.decode()
    assert page  # the review screen still opens
    area = Area.objects.get(code="141028")
    response = coordinator.post(f"/imports/{draft.pk}/publish/", {
        "region": area.pk, "code": "jixian-crossed", "title": "吉县妇女发展规划（导入）"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(plan__code="jixian-crossed", code=first["code"])
    assert indicator.disaggregations == ["sex", ["sex", "urban_rural"]]  # canonical order
    assert "sex=male;urban_rural=rural" in breakdowns(indicator)
