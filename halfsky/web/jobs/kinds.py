"""The kinds of background job: what each runs, its title and its message when done.

Each app registers its own kinds when Django starts (its ``jobs`` module, imported
by its ``AppConfig.ready``), so the queue knows no app above it. ``run(job,
report_progress)`` does the work, calling ``report_progress(percent, step_code)``
as it goes, and returns the address of the result; it raises ``ActionError`` to
refuse (the job fails with that code) and must write its results at the end, in
one transaction, so that a failure leaves nothing half-written. The words of the
step and error codes are in ``halfsky.web.core.text`` (``system.JOB_MESSAGES``
and the subject they belong to).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from halfsky.web.jobs.models import Job

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Kind:
    run: Callable[[Job, Progress], str]
    title: Any  # what the job does, shown while it runs (lazy text)
    done: Any  # shown when it has finished; may use %(seconds).1f (lazy text)
    target_url: Callable[[Job], str]  # the page of the object it works on
    follow_up: Callable[[Job], None] | None = None  # run once the job has finished


KINDS: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    """Make ``name`` a kind of job (once; called by the apps' ``jobs`` modules)."""
    if KINDS.get(name, kind) is not kind:
        raise ValueError(f"job kind {name} is registered twice")
    KINDS[name] = kind


# Run by each ``halfsky worker`` when it starts (e.g. the assessment's pending years).
WORKER_START: list[Callable[[], None]] = []


def on_worker_start(hook: Callable[[], None]) -> None:
    if hook not in WORKER_START:
        WORKER_START.append(hook)
