"""What every page and endpoint accepts as input: bounded ids and years, plain text, sane JSON.

Input is parsed before it is trusted (and permission is asked before input is
parsed, by the views): an id is a positive integer a database column holds, a
year a calendar year, text has no NUL or other control characters (PostgreSQL
refuses NUL in text; a control character is never meant), a JSON body has a
bounded size and depth. Anything else is refused as invalid (400 or 422),
never a server error. This module imports no other web app.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path
from ninja.parser import Parser

MAX_ID = 2**63 - 1  # a database id (bigint)
MIN_YEAR, MAX_YEAR = 1900, 2100  # the years any plan can name
MAX_JSON_DEPTH = 32
# Control characters but tab, newline and carriage return (and DEL, and the C1 range).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_id(text: object) -> int | None:
    """``text`` as a database id, or None when it is not one (``"abc"``, ``"0"``, 20 digits)."""
    raw = str(text if text is not None else "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_ID else None


def parse_year(text: object) -> int | None:
    """``text`` as a year between 1900 and 2100, or None."""
    raw = str(text if text is not None else "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) != 4:
        return None
    year = int(raw)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def has_control_characters(text: str) -> bool:
    return CONTROL.search(text) is not None


def no_control_characters(text: str) -> str:
    """A form field's validator: refuse NUL and the other control characters."""
    if has_control_characters(text):
        raise forms.ValidationError(_("The text contains a control character (such as NUL); "
                                      "remove it."), code="control_character")
    return text


# The API's shapes: plain text (the schema says which characters), ids and years in the path.
PlainText = Annotated[str, Field(pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="an id (a positive integer)")]
YearPath = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR, description="a data year")]


class BodyTooLarge(ValueError):
    pass


class BodyTooDeep(ValueError):
    pass


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (strings are skipped)."""
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


class LimitedJSONParser(Parser):
    """The API's JSON bodies: at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes and
    ``MAX_JSON_DEPTH`` levels, before ``json.loads`` sees them (a deep body
    would exhaust the interpreter's recursion)."""

    def parse_body(self, request: Any) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            body = request.body
        except RequestDataTooBig as error:
            raise BodyTooLarge(str(error)) from error
        if limit is not None and len(body) > limit:
            raise BodyTooLarge("body too large")
        if json_depth_exceeds(body):
            raise BodyTooDeep("body nested too deeply")
        return json.loads(body)


def refuse_input(request: HttpRequest, message: str, back: str) -> HttpResponse:
    """The page of a form that could not be read (400): why, and the way back."""
    return render(request, "input_error.html", {"message": message, "back": back}, status=400)
