"""The coordinator's page for the next plan: upload, review the proposed links, load."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from halfsky.formats.plan_file import plan_from_dict, plan_to_yaml
from halfsky.web.plans.models import Indicator

from .test_series_links import NEW, OLD, shifted

URL = f"/plans/{OLD}/successor/"


def next_plan() -> bytes:
    data = shifted(NEW, 5)
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "H05"]
    return plan_to_yaml(plan_from_dict(data)).encode()


@pytest.mark.parametrize("username", ["statistics", "health_reporter", "leader"])
def test_only_the_coordinator_and_the_administrator_open_it(login, username: str) -> None:
    assert login(username).get(URL).status_code == 403
    assert login("coordinator").get(URL).status_code == 200


def test_the_proposals_are_shown_with_the_ended_indicators(login) -> None:
    page = login("coordinator").post(URL, {"document": SimpleUploadedFile("next.yaml", next_plan())})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="link" value="H01"' in html and 'name="link" value="H05"' not in html
    assert "H05" in html.split("data-ended")[1].split("</ul>")[0]
    assert not Indicator.objects.filter(plan__code=NEW).exists()  # nothing loaded yet


def test_the_ticked_links_are_loaded(login) -> None:
    coordinator = login("coordinator")
    coordinator.post(URL, {"document": SimpleUploadedFile("next.yaml", next_plan())})
    response = coordinator.post(URL, {"plan_text": next_plan().decode(), "format": "yaml",
                                      "link": ["H01", "H03"], "load": "1"})
    assert response.status_code == 302 and response.url == f"/plans/{NEW}/"
    linked = dict(Indicator.objects.filter(plan__code=NEW, same_as__isnull=False)
                  .values_list("code", "same_as__plan__code"))
    assert linked == {"H01": OLD, "H03": OLD}


def test_a_broken_file_is_refused_in_words(login) -> None:
    page = login("coordinator").post(URL, {"document": SimpleUploadedFile("x.yaml", b"plan: [")})
    assert page.status_code == 400 and "halfsky plan show" in page.content.decode()
