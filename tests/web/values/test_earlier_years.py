"""History import: preview, then all rows or none; conflicts are shown, never overwritten."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator
from halfsky.web.values.models import EarlierYearsImport, Observation

HEADER = "indicator,area,year,breakdown,value,numerator,denominator,source,note\n"


def upload(client, text: str, name: str = "history.csv", encoding: str = "utf-8"):
    return client.post("/plans/jixian-women-2021-2025/earlier-years/",
                       {"file": SimpleUploadedFile(name, text.encode(encoding))})


def value(indicator: str, year: int, breakdown: str = "") -> Observation:
    return Observation.objects.get(indicator__code=indicator, area__code="141028", year=year,
                                   breakdown=breakdown)


@pytest.fixture
def coordinator(login):
    return login("coordinator")


def test_preview_then_import_replaces_sample_values(coordinator) -> None:
    response = upload(coordinator, HEADER + "H01,141028,2020,,77.3,,,统计年鉴2021,\n"
                      "H03,141028,2020,,0,0,712,妇幼年报,\n")
    assert response.status_code == 302
    preview = coordinator.get(response.url).content.decode()
    assert "替换示例数据" in preview and "导入全部数值" in preview
    assert value("H01", 2020).is_sample  # nothing imported yet
    staged = EarlierYearsImport.objects.get()
    assert coordinator.post(f"/plans/jixian-women-2021-2025/earlier-years/{staged.pk}/apply/").status_code == 302
    imported = value("H01", 2020)
    assert (imported.value, imported.is_sample, imported.status) == (77.3, False, "approved")
    assert imported.source == "统计年鉴2021"
    assert list(imported.changes.values_list("action", flat=True)) == ["import"]
    assert value("H03", 2020).denominator == 712
    staged.refresh_from_db()  # applied: the file's content is not kept, its record is
    assert bytes(staged.content) == b"" and staged.applied_count == 2 and staged.sha256
    assert "导入" in coordinator.get(f"/plans/jixian-women-2021-2025/earlier-years/{staged.pk}/").content.decode()


def test_one_bad_row_refuses_the_whole_file_which_is_not_stored(coordinator) -> None:
    response = upload(coordinator, HEADER + "H01,141028,2020,,77.3,,,,\n"
                      "Z99,141028,2020,,1,,,,\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert "规划中没有指标“Z99”" in page and "未予保存" in page
    assert not EarlierYearsImport.objects.exists()  # a refused file leaves no row
    assert value("H01", 2020).is_sample


def test_a_stored_official_value_is_a_conflict(coordinator) -> None:
    Observation.objects.filter(pk=value("H01", 2021).pk).update(is_sample=False, value=77.5)
    response = upload(coordinator, HEADER + "H01,141028,2021,,76.0,,,,\n")
    page = response.content.decode()
    assert "已有数值77.5" in page and not EarlierYearsImport.objects.exists()
    assert value("H01", 2021).value == 77.5


@pytest.mark.parametrize(("text", "message"), [
    (HEADER + "H01,141028,2020,,七十七,,,,\n", "“七十七”不是数字"),
    (HEADER + "H01,141028,2020,,77,,,,\nH01,141028,2020,,78,,,,\n", "再次出现"),
    ("indicator,year,value\nH01,2020,77\n", "缺少列"),
    (HEADER + "H01,141028,2020,sex=other,77,,,,\n", "取值“other”未知"),
    (HEADER + "H01,141028,2020,sex=female,77,,,,\n", "没有分组"),
    (HEADER + "H01,999999,2020,,77,,,,\n", "没有代码为“999999”的地区"),
    (HEADER + "H12,141028,2020,,120,,,,\n", "高于允许的最大值"),
])
def test_bad_rows_are_listed_with_their_line(coordinator, text: str, message: str) -> None:
    response = upload(coordinator, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "导入全部数值" not in page and not EarlierYearsImport.objects.exists()


def test_a_gb18030_csv_from_chinese_excel_is_read(coordinator) -> None:
    response = upload(coordinator, HEADER + "H01,141028,2020,,77.3,,,县统计局,备注\n",
                      encoding="gb18030")
    page = coordinator.get(response.url).content.decode()
    assert "导入全部数值" in page
    assert 'data-encoding="gb18030"' in page and "GB18030" in page


def test_chinese_headers_and_a_five_column_file_are_accepted(coordinator) -> None:
    response = upload(coordinator, "指标编码,地区代码,年份,分组,数值\nH01,141028,2020,,77.3\n",
                      encoding="gb18030")
    assert response.status_code == 302, response.content.decode()[-1500:]
    staged = EarlierYearsImport.objects.get()
    coordinator.post(f"/plans/jixian-women-2021-2025/earlier-years/{staged.pk}/apply/")
    assert value("H01", 2020).value == 77.3
    response = upload(coordinator, "指标,地区,年份,性别,数值\n妇女人均预期寿命,吉县,2021,合计,77.6\n")
    assert response.status_code == 302, response.content.decode()[-1500:]
    page = coordinator.get(response.url).content.decode()
    assert "导入全部数值" in page and 'data-encoding="utf-8"' in page


def test_staged_files_not_imported_within_7_days_are_deleted(coordinator) -> None:
    import datetime

    from django.utils import timezone

    from halfsky.web.values.actions.earlier_years import purge_staged_history

    upload(coordinator, HEADER + "H01,141028,2020,,77.3,,,,\n")
    staged = EarlierYearsImport.objects.get()
    assert purge_staged_history() == 0  # a fresh one stays
    EarlierYearsImport.objects.filter(pk=staged.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8))
    assert purge_staged_history() == 1
    assert not EarlierYearsImport.objects.exists()


def test_only_the_coordinator_imports_history(login) -> None:
    reporter = login("health_reporter")
    assert reporter.get("/plans/jixian-women-2021-2025/earlier-years/").status_code == 403
    assert upload(reporter, HEADER + "H01,141028,2020,,77.3,,,,\n").status_code == 403
    assert not EarlierYearsImport.objects.exists()


def test_an_area_above_the_plans_region_is_refused(coordinator) -> None:
    from halfsky.web.orgs.models import Area

    city = Area.objects.get(code="141028").parent
    assert city is not None
    response = upload(coordinator, HEADER + "H01,141028,2020,,77.3,,,,\n"
                      f"H01,{city.code},2020,,75.0,,,,\n")
    assert response.status_code == 400
    assert f"地区“{city.code}”不是吉县或其下级地区" in response.content.decode()
    assert not EarlierYearsImport.objects.exists()
    assert not Observation.objects.filter(area=city).exists()
    assert value("H01", 2020).is_sample


def test_the_open_rounds_values_go_through_the_round(coordinator) -> None:
    import datetime

    from django.utils import timezone

    deadline = timezone.localdate() + datetime.timedelta(days=20)
    coordinator.post("/rounds/", {"year": 2025, "deadline": deadline.isoformat()})
    in_round = value("H01", 2025)
    before = (in_round.value, in_round.status, in_round.version)
    response = upload(coordinator, HEADER + "H01,141028,2024,,77.3,,,,\n"
                      "H01,141028,2025,,80.0,,,,\n")
    assert response.status_code == 400
    assert "H01 2025年：2025年度填报正在进行" in response.content.decode()
    assert not EarlierYearsImport.objects.exists()
    in_round.refresh_from_db()
    assert (in_round.value, in_round.status, in_round.version) == before
    assert in_round.status != "approved"


def test_the_plausibility_checks_of_the_web_form_apply_to_the_import(coordinator) -> None:
    from halfsky.web.plans.models import Indicator

    code = Indicator.objects.get(plan__code="jixian-women-2021-2025", name="妇女人均健康预期寿命").code
    before = value(code, 2021).value
    response = upload(coordinator, HEADER + f"{code},141028,2021,,0,,,,\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert "数值0对此指标而言不寻常" in page  # as the web form says it
    assert value(code, 2021).value == before and not EarlierYearsImport.objects.exists()


def test_an_unusual_value_explained_in_the_note_is_accepted(coordinator) -> None:
    from halfsky.web.plans.models import Indicator

    code = Indicator.objects.get(plan__code="jixian-women-2021-2025", name="妇女人均健康预期寿命").code
    response = upload(coordinator, HEADER + f"{code},141028,2021,,0,,,,测试：口径说明\n")
    assert response.status_code == 302


def test_new_values_are_written_in_bulk_with_a_history_step_each(coordinator) -> None:
    rows = "".join(f"H01,141028,{year},,{70 + year - 2000}.5,,,年鉴,\n" for year in range(2000, 2010))
    response = upload(coordinator, HEADER + rows)
    staged = EarlierYearsImport.objects.get()
    assert coordinator.post(response.url + "apply/").status_code == 302
    for year in range(2000, 2010):
        stored = value("H01", year)
        assert (stored.value, stored.status, stored.is_sample) == (70 + year - 2000 + 0.5,
                                                                    "approved", False)
        [step] = stored.changes.all()
        assert (step.action, step.before, step.after["value"]) == ("import", {}, stored.value)
    staged.refresh_from_db()
    assert staged.applied_count == 10 and staged.rows == []


def test_a_value_stored_after_the_preview_refuses_the_whole_import(coordinator) -> None:
    response = upload(coordinator, HEADER + "H01,141028,2001,,71.5,,,,\nH01,141028,2002,,72.5,,,,\n")
    Observation.objects.create(  # entered meanwhile: an official value that differs
        indicator=Indicator.objects.get(plan__code="jixian-women-2021-2025", code="H01"),
        area=Area.objects.get(code="141028"), year=2002, value=60.0, status="approved")
    coordinator.post(response.url + "apply/")
    assert not Observation.objects.filter(indicator__code="H01", year=2001).exists()
    assert value("H01", 2002).value == 60.0
    assert EarlierYearsImport.objects.get().applied_at is None
