"""The review screen links a draft's indicators to other plans' series (``same_as``)."""

from __future__ import annotations

import pytest

from halfsky.web.imports.models import DraftIndicator, ImportDraft
from halfsky.web.plans.models import Indicator

from .test_review_screen import PLAN_MD, upload

OLD = "jixian-women-2021-2025"


@pytest.fixture
def coordinator(login):
    return login("coordinator")


@pytest.fixture
def draft(coordinator) -> ImportDraft:
    assert upload(coordinator, PLAN_MD.read_bytes()).status_code == 302
    draft = ImportDraft.objects.get()
    ImportDraft.objects.filter(pk=draft.pk).update(plan_code="jixian-next")
    draft.refresh_from_db()
    return draft


def test_the_review_offers_only_indicators_in_the_same_unit(coordinator, draft) -> None:
    row = DraftIndicator.objects.get(draft=draft, name="孕产妇死亡率")
    page = coordinator.get(f"/imports/{draft.pk}/").content.decode()
    select = page.split(f'name="same_as-{row.pk}"')[1].split("</select>")[0]
    mortality = Indicator.objects.get(plan__code=OLD, code="H03")
    assert f'value="{mortality.pk}"' in select
    other_units = Indicator.objects.filter(plan__code=OLD).exclude(unit=row.unit)
    assert not any(f'value="{i.pk}"' in select for i in other_units)


def test_a_link_chosen_on_review_is_published_and_shares_the_values(coordinator, draft) -> None:
    from halfsky.web.orgs.models import Area

    row = DraftIndicator.objects.get(draft=draft, name="孕产妇死亡率")
    mortality = Indicator.objects.get(plan__code=OLD, code="H03")
    response = coordinator.post(f"/imports/{draft.pk}/series-links/",
                                {f"same_as-{row.pk}": str(mortality.pk)})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.same_as == mortality
    coordinator.post(f"/imports/{draft.pk}/publish/", {
        "region": Area.objects.get(code="141028").pk, "code": "jixian-next",
        "title": "吉县妇女发展规划（下一期）"})
    published = Indicator.objects.get(plan__code="jixian-next", name="孕产妇死亡率")
    assert published.same_as == mortality


def test_a_link_across_units_is_refused(coordinator, draft) -> None:
    row = DraftIndicator.objects.get(draft=draft, name="孕产妇死亡率")
    age = Indicator.objects.filter(plan__code=OLD).exclude(unit=row.unit).first()
    response = coordinator.post(f"/imports/{draft.pk}/series-links/",
                                {f"same_as-{row.pk}": str(age.pk)}, follow=True)
    row.refresh_from_db()
    assert row.same_as is None
    assert "same unit" in response.content.decode() or "单位" in response.content.decode()


def test_only_the_coordinator_links_series(login, draft) -> None:
    row = DraftIndicator.objects.get(draft=draft, name="孕产妇死亡率")
    response = login("statistics").post(f"/imports/{draft.pk}/series-links/",
                                        {f"same_as-{row.pk}": ""})
    assert response.status_code == 403
