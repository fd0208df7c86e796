"""National reference values cite their publication on every page, file and report."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import load_workbook

PLAN = "jixian-women-2021-2025"


def _referenced() -> list[Any]:
    from halfsky.web.plans.models import Indicator

    return list(Indicator.objects.filter(plan__code=PLAN).exclude(national_reference=""))


def _reference_section(page: str) -> str:
    start = page.index('<table class="values reference">')
    return page[start:page.index("</table>", start)]


def test_every_national_value_on_an_indicator_page_shows_its_publication(login) -> None:
    from halfsky.web.values.models import ReferenceValue

    client = login("viewer")
    indicators = _referenced()
    assert indicators
    shown = 0
    for indicator in indicators:
        rows = list(ReferenceValue.objects.filter(indicator_name=indicator.national_reference))
        if not rows:
            continue
        page = client.get(f"/plans/{PLAN}/indicators/{indicator.code}/").content.decode()
        section = _reference_section(page)
        assert "http" not in page.lower().replace('href="http', "")  # no web address as a source
        assert "http" not in section
        cells = re.findall(r'<td class="source">(.*?)</td>', section)
        assert len(cells) == len(rows) and all(cells)
        for row in rows:
            assert row.source in section
            if row.maintainer_note:
                assert row.maintainer_note not in page
        shown += len(rows)
    assert shown > 0


def test_english_pages_and_the_chart_data_cite_the_english_publication(login) -> None:
    from halfsky.web.values.models import ReferenceValue

    indicator = next(i for i in _referenced()
                     if ReferenceValue.objects.filter(indicator_name=i.national_reference).exists())
    rows = list(ReferenceValue.objects.filter(indicator_name=indicator.national_reference))
    client = login("viewer")
    client.cookies["django_language"] = "en"
    section = _reference_section(
        client.get(f"/plans/{PLAN}/indicators/{indicator.code}/").content.decode())
    assert all(row.source_en in section for row in rows)
    data = client.get(f"/api/indicators/{indicator.code}/series?plan={PLAN}").json()
    sources = {r["source"] for r in data["reference"]["values"]}
    assert sources and sources <= {r.source_en for r in rows}
    assert all("notes" not in r for r in data["reference"]["values"])
    chinese = login("viewer").get(f"/api/indicators/{indicator.code}/series?plan={PLAN}").json()
    assert {r["source"] for r in chinese["reference"]["values"]} <= {r.source for r in rows}


def test_the_compendium_cites_publications_not_web_addresses(settings: Any, tmp_path: Any,
                                                              db: None) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.plans.models import Plan
    from halfsky.web.reports.actions import do_create_report, do_generate_report
    from halfsky.web.values.models import ReferenceValue

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = get_user_model().objects.get(username="coordinator")
    report = do_create_report(Plan.objects.get(code=PLAN), "annual", 2024, coordinator)
    report = do_generate_report(report, coordinator)
    book = load_workbook(io.BytesIO(report.xlsx.read()))
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c]
    assert not any("http" in c for c in cells)
    publications = set(ReferenceValue.objects.values_list("source", flat=True))
    assert any(c in publications for c in cells)
