"""Remembered addresses: ``{% url %}`` and ``addresses.reverse`` answer what Django's
``reverse`` answers, whatever the arguments, the URL configuration and the prefix."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, path, set_script_prefix
from django.urls import reverse as django_reverse

from halfsky.web.core.addresses import reverse

PLAN = "jixian-women-2021-2025"


def other_page(request: object) -> None:  # a page of the URL configuration below
    raise AssertionError("never called")


urlpatterns = [path("elsewhere/", other_page, name="home")]


def render(text: str, **context: object) -> str:
    return str(engines["django"].from_string(text).render(context))


def test_addresses_are_djangos_for_text_and_numbers() -> None:
    for name, args in [("plans:indicator", [PLAN, "D11"]), ("plans:goal", [PLAN, "D1", 3]),
                       ("assessments:plan", [PLAN, 2024]), ("departments:list", [])]:
        assert reverse(name, args=args) == reverse(name, args=args) == django_reverse(name, args=args)
    assert reverse("plans:goal", kwargs={"plan": PLAN, "domain": "D1", "number": 3}) == (
        django_reverse("plans:goal", kwargs={"plan": PLAN, "domain": "D1", "number": 3}))


def test_the_url_tag_of_every_template_gives_the_same_links() -> None:
    page = render("{% for code in codes %}<a href=\"{% url 'plans:indicator' plan code %}\">"
                  "{% endfor %}", plan=PLAN, codes=["D11", "H03", "D11"])
    assert page == "".join(f'<a href="{django_reverse("plans:indicator", args=[PLAN, c])}">'
                           for c in ["D11", "H03", "D11"])
    assert render("{% url 'plans:indicators' plan as link %}[{{ link }}]", plan=PLAN) == (
        f"[{django_reverse('plans:indicators', args=[PLAN])}]")


def test_a_missing_page_is_refused_every_time_or_empty_with_as() -> None:
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            reverse("plans:no_such_page", args=[PLAN])
        with pytest.raises(NoReverseMatch):
            render("{% url 'plans:no_such_page' plan %}", plan=PLAN)
    assert render("{% url 'plans:no_such_page' plan as link %}[{{ link }}]", plan=PLAN) == "[]"


def test_another_url_configuration_or_prefix_gives_its_own_addresses() -> None:
    first = reverse("plans:indicators", args=[PLAN])
    assert reverse("home") == render("{% url 'home' %}") == "/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse("home") == render("{% url 'home' %}") == "/elsewhere/"
    assert reverse("home") == "/"
    set_script_prefix("/halfsky/")  # served under a sub-path
    try:
        assert reverse("plans:indicators", args=[PLAN]) == f"/halfsky{first}"
    finally:
        set_script_prefix("/")
    assert reverse("plans:indicators", args=[PLAN]) == first
