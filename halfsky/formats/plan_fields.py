"""Typed, located access to a plan file's plain data, and the plan file error.

:class:`Fields` wraps one mapping of the file together with its location
(``indicators[3].targets[0]``) so that every value read from it is checked
for its type and every problem names the place it was found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from halfsky.domain.errors import CodedError

E = TypeVar("E", bound=StrEnum)


class PlanFileError(CodedError, ValueError):
    """A plan file that cannot be read or does not hold a valid plan.

    ``code`` is a message code such as ``plan_file.unknown_department``,
    ``location`` the path of the offending value inside the file
    (``indicators[3].targets[0].comparator``; empty for the whole file),
    ``params`` the values the message needs.
    """

    def __init__(self, code: str, location: str = "", params: Mapping[str, object] | None = None):
        super().__init__(code, params)
        self.location = location

    def __str__(self) -> str:
        where = f" at {self.location}" if self.location else ""
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}{where}" + (f" ({details})" if details else "")


def _type_name(value: object) -> str:
    return type(value).__name__


class Fields:
    """A mapping of the file with its location, read one typed key at a time."""

    def __init__(
        self, value: object, location: str, required: Iterable[str], optional: Iterable[str] = ()
    ):
        if not isinstance(value, dict):
            raise PlanFileError(
                "plan_file.bad_type", location, {"expected": "mapping", "found": _type_name(value)}
            )
        self.data: dict[Any, Any] = value
        self.location = location
        required, allowed = set(required), set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise PlanFileError("plan_file.unknown_key", self.at(str(key)), {"key": str(key)})
        for key in sorted(required - set(value)):
            raise PlanFileError("plan_file.missing_key", self.at(key), {"key": key})

    def at(self, key: str) -> str:
        return f"{self.location}.{key}" if self.location else key

    def bad_type(self, key: str, expected: str) -> PlanFileError:
        found = _type_name(self.data.get(key))
        return PlanFileError(
            "plan_file.bad_type", self.at(key), {"expected": expected, "found": found}
        )

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        value = self.data.get(key, default)
        if value is None and not required:
            return default
        if not isinstance(value, str):
            raise self.bad_type(key, "string")
        value = value.strip()
        if required and not value:
            raise PlanFileError("plan_file.empty_value", self.at(key), {"key": key})
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        return self.text(key, required=True)

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.bad_type(key, "integer")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.bad_type(key, "number")
        return float(value)

    def items(self, key: str) -> list[object]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.bad_type(key, "list")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        values = self.items(key)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise PlanFileError(
                    "plan_file.bad_type",
                    f"{self.at(key)}[{index}]",
                    {"expected": "string", "found": _type_name(value)},
                )
        return tuple(str(value).strip() for value in values)

    def enum(self, key: str, kind: type[E], default: E | None = None) -> E:
        value = self.data.get(key)
        if value is None and default is not None:
            return default
        allowed = [member.value for member in kind]
        if value not in allowed:
            raise PlanFileError(
                "plan_file.unknown_value", self.at(key), {"value": value, "allowed": allowed}
            )
        return kind(value)
