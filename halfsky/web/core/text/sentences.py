"""The one sentence function: a message code and its parameters → a sentence of the
user's language.

Actions, checks and notifications say what happened as a code with parameters
(``value.locked``, ``task.has_problems`` with ``count``); ``SENTENCES`` holds the
words of every code, gathered from the subject modules of this package, and
``sentence()`` fills them in. A sentence with a number in it is a plural
(``ngettext_lazy`` keyed on ``count``): "1 problem", "2 problems", "2个问题".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.defaultfilters import filesizeformat

from halfsky.web.core.text.assessment import WARNING_SENTENCES
from halfsky.web.core.text.exchange import EXCHANGE_SENTENCES
from halfsky.web.core.text.files import FILE_PROBLEMS
from halfsky.web.core.text.lists import join_words
from halfsky.web.core.text.plans import BREAKDOWN_SENTENCES, PLAN_IMPORT_SENTENCES
from halfsky.web.core.text.reports import REPORT_SENTENCES
from halfsky.web.core.text.system import API_REFUSALS, JOB_MESSAGES
from halfsky.web.core.text.values import (
    FIELD_WORDS,
    ROUND_NOTIFICATIONS,
    VALUE_CHECKS,
    WORKFLOW_REFUSALS,
)

SUBJECT_TABLES: tuple[Mapping[str, Any], ...] = (
    VALUE_CHECKS, WORKFLOW_REFUSALS, ROUND_NOTIFICATIONS, WARNING_SENTENCES,
    REPORT_SENTENCES, PLAN_IMPORT_SENTENCES, FILE_PROBLEMS, API_REFUSALS, JOB_MESSAGES,
    EXCHANGE_SENTENCES, BREAKDOWN_SENTENCES,
)
SENTENCES: dict[str, Any] = {code: text for table in SUBJECT_TABLES for code, text in table.items()}


def knows(code: str) -> bool:
    """Whether ``code`` has words of its own (else ``sentence`` shows the code)."""
    return code in SENTENCES


def sentence(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The words of ``code`` filled with ``params``; the code itself if it has none.

    A sentence whose parameters are missing is shown unfilled rather than failing.
    """
    template = SENTENCES.get(code)
    if template is None:
        return code
    values = readable(params or {})
    try:
        return str(template % values)
    except (KeyError, TypeError, ValueError):
        return str(template) or code


def readable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as a sentence shows them: file sizes (``size``, ``limit`` in bytes) as
    "10.0 MB" — with ``limit_mb``, the limit in whole megabytes —, ``count`` a number
    (it chooses between singular and plural) and the fields a message names (``missing``,
    ``column``, ``field``) in the form's own words (分母, not "denominator")."""
    values = dict(params)
    if isinstance(values.get("limit"), int):
        values.setdefault("limit_mb", values["limit"] // 1_000_000)
    for key in ("size", "limit"):
        if isinstance(values.get(key), int):
            values[key] = filesizeformat(values[key])
    if isinstance(values.get("count"), str) and values["count"].isdigit():
        values["count"] = int(values["count"])
    for key in ("missing", "column", "field"):
        names = values.get(key)
        if isinstance(names, str) and names:
            parts = [p.strip() for p in names.split(",")]
            if all(p in FIELD_WORDS for p in parts):
                values[key] = join_words(str(FIELD_WORDS[p]) for p in parts)
    return values
