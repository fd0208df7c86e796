"""The bad-file corpus through the pages: every file that is not what it claims is refused
with a sentence saying why, and nothing of it is stored (no row, no media file, no value)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from halfsky.web.imports.models import ImportDraft
from halfsky.web.plans.models import Plan
from halfsky.web.reports.actions import do_open_evaluation
from halfsky.web.reports.models import Evidence
from halfsky.web.values.models import EarlierYearsImport, ValueChange
from tests.bad_files import (
    deep_sdmx_json,
    docx_bomb,
    docx_entity_bomb,
    fake_pdf,
    fake_png,
    xlsx_bomb,
)

PLAN = "jixian-women-2021-2025"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def stored_rows() -> dict[str, int]:
    return {"evidence": Evidence.objects.count(), "drafts": ImportDraft.objects.count(),
            "history": EarlierYearsImport.objects.count(),
            "value changes": ValueChange.objects.exclude(action="open").count()}


def evidence_page(login: Any) -> tuple[Any, str]:
    evaluation = do_open_evaluation(Plan.objects.get(code=PLAN), "final",
                                    get_user_model().objects.get(username="coordinator"))
    item = evaluation.items.filter(measure__isnull=False,
                                   department__name="县卫生健康和体育局").first()
    return login("health_reporter"), reverse("reports:item", args=[item.round.plan.code, item.pk])


def post_evidence(name: str, content: Callable[[], bytes]) -> Callable[[Any], Any]:
    def post(login: Any) -> Any:
        client, url = evidence_page(login)
        return client.post(url, {"action": "evidence",
                                 "file": SimpleUploadedFile(name, content())})
    return post


def post_template(content: Callable[[], bytes]) -> Callable[[Any], Any]:
    def post(login: Any) -> Any:
        deadline = timezone.localdate() + datetime.timedelta(days=20)
        login("coordinator").post("/rounds/", {"year": 2025, "deadline": deadline.isoformat()})
        return login("health_reporter").post(
            "/rounds/2025/health/upload/", {"file": SimpleUploadedFile("模板.xlsx", content())})
    return post


def post_history(name: str, content: Callable[[], bytes]) -> Callable[[Any], Any]:
    def post(login: Any) -> Any:
        return login("coordinator").post(
            "/plans/jixian-women-2021-2025/earlier-years/", {"file": SimpleUploadedFile(name, content())})
    return post


def post_plan_document(name: str, content: Callable[[], bytes]) -> Callable[[Any], Any]:
    def post(login: Any) -> Any:
        return login("coordinator").post(
            "/imports/", {"document": SimpleUploadedFile(name, content())})
    return post


# (what, how it is sent, words the refusal must hold)
CORPUS = [
    ("evidence: %PDF and noise", post_evidence("材料.pdf", fake_pdf), "不是可读取的PDF文件"),
    ("evidence: .docx bomb (260 MB unpacked)", post_evidence("材料.docx", docx_bomb),
     "未保存任何内容"),
    ("evidence: .docx with an entity bomb (billion laughs)",
     post_evidence("材料.docx", docx_entity_bomb), "不是可读取的Word (.docx)文件"),
    ("evidence: PNG signature and noise", post_evidence("照片.png", fake_png),
     "不是可读取的PNG文件"),
    ("Excel template: .xlsx bomb", post_template(xlsx_bomb), "文件过大"),
    ("earlier years: .xlsx bomb", post_history("history.xlsx", xlsx_bomb), "文件过大"),
    ("earlier years: SDMX-JSON nested 100,000 deep", post_history("history.json",
                                                                  deep_sdmx_json),
     "嵌套层级超过64层"),
    ("plan import: .docx bomb", post_plan_document("规划.docx", docx_bomb), "文件过大"),
    ("plan import: %PDF and noise", post_plan_document("规划.pdf", fake_pdf), "PDF"),
]


@pytest.mark.parametrize(("what", "send", "words"), CORPUS, ids=[c[0] for c in CORPUS])
def test_a_bad_file_is_refused_and_nothing_is_stored(
        login: Any, media: Path, what: str, send: Callable[[Any], Any], words: str) -> None:
    before = stored_rows()
    response = send(login)
    assert response.status_code == 400, what
    assert words in response.content.decode(), what
    assert stored_rows() == before
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
