"""SDMX files exported by HalfSky come back exactly through the history import; bad ones change
nothing and say why."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape

from halfsky.formats.earlier_years import read_history
from halfsky.web.core import text
from halfsky.web.core.errors import ActionError
from halfsky.web.plans.models import Plan
from halfsky.web.values.actions.earlier_years import (
    check_content,
    check_staged,
    do_apply_history,
    do_stage_history,
)
from halfsky.web.values.models import EarlierYearsImport, Observation, ValueStatus

URLS = {"csv": "/plans/jixian-women-2021-2025/exchange/sdmx/data.csv", "json": "/plans/jixian-women-2021-2025/exchange/sdmx/data.json"}
FIELDS = ("value", "numerator", "denominator", "flag", "source", "note")
HARD_NOTES = ('县妇幼保健院，"复核"后上报', "第一行\n第二行", "a,b;c=d", "示例数据？不，备注")


def plan() -> Plan:
    found = Plan.objects.first()
    assert found is not None
    return found


def approved() -> Any:
    return Observation.objects.filter(indicator__plan=plan(), status=ValueStatus.APPROVED)


def snapshot() -> dict[tuple[str, str, int, str], tuple[object, ...]]:
    return {(o.indicator.code, o.area.code, o.year, o.breakdown): tuple(getattr(o, f) for f in FIELDS)
            for o in approved().select_related("indicator", "area")}  # fmt: skip


def coordinator() -> Any:
    return get_user_model().objects.get(username="coordinator")


def sentence(code: str, **params: object) -> str:
    """The problem's sentence as the page shows it (the default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(text.sentence(code, params))


def consistent_demo(client: Any) -> None:
    """The demo's values pass the history import's checks as they are (rates agree with
    their numerators and denominators, groups of counts add up to the total)."""
    content = client.get(URLS["csv"]).content
    staged = do_stage_history(plan(), "check.csv", content, coordinator())
    assert check_staged(staged).problems == []
    staged.delete()


@pytest.mark.parametrize("kind", list(URLS))
def test_round_trip(login: Any, kind: str) -> None:
    consistent_demo(login("coordinator"))
    rates = approved().filter(numerator__isnull=False).order_by("pk")[:len(HARD_NOTES)]
    for observation, note in zip(rates, HARD_NOTES, strict=True):
        Observation.objects.filter(pk=observation.pk).update(note=note, source="县卫健局 “年报”")
    others = approved().filter(numerator__isnull=True, breakdown="").order_by("pk")
    Observation.objects.filter(pk=others[0].pk).update(flag="estimated")
    Observation.objects.filter(pk=others[1].pk).update(flag="not_applicable", value=None)
    before = snapshot()
    assert len(before) > 500 and any(numbers[1] is not None for numbers in before.values())
    content = login("coordinator").get(URLS[kind]).content

    approved().delete()
    assert not approved().exists()
    staged = do_stage_history(plan(), f"jixian.{kind}", content, coordinator())
    result = check_staged(staged)
    assert result.problems == []
    assert {item.action for item in result.items} == {"new"}
    assert do_apply_history(staged, coordinator()) == len(before)

    after = snapshot()
    assert after == before
    assert {o.note for o in approved()} >= set(HARD_NOTES)
    assert not approved().filter(is_sample=True).exists()  # imported values are official


def test_importing_the_same_file_again_changes_nothing(login: Any) -> None:
    consistent_demo(login("coordinator"))
    content = login("coordinator").get(URLS["json"]).content
    staged = do_stage_history(plan(), "same.json", content, coordinator())
    result = check_staged(staged)
    assert result.problems == [] and result.changes == []


def _upload(client: Any, name: str, content: bytes) -> str:
    """The upload page refusing the file with its problems (a refused file is not stored)."""
    response = client.post("/plans/jixian-women-2021-2025/earlier-years/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert not EarlierYearsImport.objects.filter(filename=name).exists()
    page: str = response.content.decode()
    return page


def _apply_refused(content: bytes) -> None:
    with pytest.raises(ActionError) as caught:
        do_stage_history(plan(), "bad", content, coordinator())
    assert caught.value.code == "history.has_problems"
    assert not EarlierYearsImport.objects.filter(filename="bad").exists()


def test_a_file_cut_in_half(login: Any) -> None:
    client = login("coordinator")
    before = snapshot()
    for kind in URLS:
        content = client.get(URLS[kind]).content
        half = content[: len(content) // 2]
        if kind == "csv":  # cut inside a row's key, not in its free-text PROVENANCE at the end
            half = content[: content.index(b"\n", len(content) // 2) + 40]
        problems = read_history(half).problems
        assert len(problems) == 1 and problems[0].code in {"sdmx.bad_row", "sdmx.not_sdmx"}
        page = _upload(client, f"half.{kind}", half)
        assert sentence(problems[0].code, **problems[0].params) in page
        _apply_refused(half)
    assert snapshot() == before


def test_a_foreign_sdmx_file(login: Any) -> None:
    client = login("coordinator")
    before = snapshot()
    text = client.get(URLS["csv"]).content.decode("utf-8")
    header, *rows = text.split("\r\n")
    foreign = "\r\n".join([header.replace("URBANISATION", "FREQ"), *rows]).encode("utf-8")
    page = _upload(client, "foreign.csv", foreign)
    assert sentence("sdmx.unknown_dimension", column="FREQ") in page
    message = json.loads(client.get(URLS["json"]).content)
    message["data"]["structures"][0]["links"] = [
        {"urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ESTAT:NAMA_10_GDP(1.0)"}]
    other = json.dumps(message, ensure_ascii=False).encode("utf-8")
    page = _upload(client, "foreign.json", other)
    assert sentence("sdmx.foreign_structure") in page
    for content in (foreign, other):
        _apply_refused(content)
    assert snapshot() == before


def test_a_wrong_indicator_code(login: Any) -> None:
    client = login("coordinator")
    consistent_demo(client)
    text = client.get(URLS["csv"]).content.decode("utf-8")
    approved().filter(indicator__code="H01").delete()  # rows the file would add: it must not
    before = snapshot()
    content = text.replace(",I,H02,", ",I,X99,", 1).encode("utf-8")
    problems = check_content(plan(), "wrong.csv", content).problems
    assert [p.code for p in problems] == ["history.unknown_indicator"]
    assert problems[0].params["indicator"] == "X99" and problems[0].line > 1
    page = _upload(client, "wrong.csv", content)
    assert sentence("history.unknown_indicator", indicator="X99") in page
    _apply_refused(content)
    assert snapshot() == before
    assert not approved().filter(indicator__code="H01").exists()


def test_the_history_page_says_sdmx_is_accepted(login: Any) -> None:
    page = login("coordinator").get("/plans/jixian-women-2021-2025/earlier-years/").content.decode()
    assert "SDMX-CSV 2.0" in page and ".json" in page
