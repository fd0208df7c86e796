"""WSGI entry point: ``gunicorn halfsky.web.wsgi`` or any WSGI server.

The application is wrapped by ``FrozenAfterWarmUp``: Python's cyclic garbage collector
now and then walks every object of the process — Django's, the libraries', the compiled
templates, the translation catalogues, some 10⁶ objects that live as long as the process —
and the request during which it does pays for it (tens of milliseconds, the slowest
requests of a page). Once a worker has answered its first requests (its templates
compiled, its catalogues loaded), the objects alive then are moved out of the
collector's sight (``gc.freeze``), again after its 10th, 100th and 1000th request (each
page seen by then); its later collections walk only what was made afterwards. They are
still freed as ever when nothing refers to them.
"""

import gc
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halfsky.web.settings")

FREEZE_AFTER = (1, 10, 100, 1000)  # a worker's requests after which it freezes


class FrozenAfterWarmUp:
    """A WSGI application that calls ``gc.freeze()`` after its ``FREEZE_AFTER``-th requests
    (when the next one comes)."""

    def __init__(self, wrapped: Callable[..., Iterable[bytes]],
                 marks: tuple[int, ...] = FREEZE_AFTER) -> None:
        self.wrapped, self.marks, self.served = wrapped, frozenset(marks), 0
        self.last = max(marks)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        if self.served <= self.last:
            if self.served in self.marks:
                gc.collect()  # not the garbage of the warm-up: only what is alive
                gc.freeze()
            self.served += 1
        return self.wrapped(environ, start_response)


application = FrozenAfterWarmUp(get_wsgi_application())
