"""The WSGI application moves what its first requests left alive out of the collector's
sight (gc.freeze), after its 1st, 10th, 100th and 1000th request only."""

from __future__ import annotations

import gc

import pytest

from halfsky.web import wsgi


def test_the_served_application_is_the_django_application_wrapped() -> None:
    assert isinstance(wsgi.application, wsgi.FrozenAfterWarmUp)


def test_it_freezes_after_the_marked_requests_and_answers_every_request(
        monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[int] = []
    frozen: list[int] = []

    def django(environ: dict, start_response: object) -> list[bytes]:
        served.append(environ["n"])
        return [b"ok"]

    app = wsgi.FrozenAfterWarmUp(django, marks=(1, 3))
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(len(served)))
    answers = [app({"n": n}, lambda *a: None) for n in range(6)]
    assert answers == [[b"ok"]] * 6 and served == list(range(6))
    # frozen when the 2nd and the 4th request came: after the 1st and the 3rd were answered
    assert frozen == [1, 3]


def test_frozen_objects_are_out_of_the_collectors_sight() -> None:
    app = wsgi.FrozenAfterWarmUp(lambda environ, start: [b""], marks=(1,))
    try:
        app({}, lambda *a: None)
        before = gc.get_freeze_count()
        app({}, lambda *a: None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
