"""Reading one JSON object of a run document field by field, with one-line errors.

`Fields` wraps a decoded JSON object. Each accessor reads one key, checks its JSON type and
returns it typed (or the default when the key is absent or null); a value of the wrong type is
an InputError naming the document and the key ("findings.json: verdicts[3].status: expected
text, got 7"). The keys no accessor read are the object's `rest()`: documents keep them, so a
newer run's extra fields survive a round trip through an older reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from harness.errors import InputError

T = TypeVar("T")
JsonObject = dict[str, Any]


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


class Fields:
    def __init__(self, data: object, document: str, at: str = "") -> None:
        if not isinstance(data, dict):
            place = f"{document}: {at}" if at else document
            raise InputError(f"{place}: expected a JSON object, got {_kind(data)}")
        self._data: JsonObject = data
        self.document = document  # the file (or name) the object came from
        self._at = f"{at}." if at else ""  # where in the document: "verdicts[3]."
        self._read: set[str] = set()

    def has(self, key: str) -> bool:
        return self._data.get(key) is not None

    def _get(self, key: str) -> object:
        self._read.add(key)
        return self._data.get(key)

    def _wrong(self, key: str, expected: str, value: object) -> InputError:
        return InputError(f"{self.document}: {self._at}{key}: expected {expected}, got {_kind(value)}")

    def invalid(self, key: str, why: str) -> InputError:
        return InputError(f"{self.document}: {self._at}{key}: {why}")

    def raw(self, key: str) -> Any:
        """The value as decoded, unchecked: for fields whose shape is open by contract."""
        return self._get(key)

    def opt_text(self, key: str) -> str | None:
        value = self._get(key)
        if value is None or isinstance(value, str):
            return value
        raise self._wrong(key, "text", value)

    def text(self, key: str, default: str = "") -> str:
        value = self.opt_text(key)
        return default if value is None else value

    def opt_number(self, key: str) -> float | None:
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(key, "a number", value)
        return value

    def number(self, key: str, default: float = 0.0) -> float:
        value = self.opt_number(key)
        return default if value is None else value

    def opt_integer(self, key: str) -> int | None:
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "a whole number", value)
        return value

    def integer(self, key: str, default: int = 0) -> int:
        value = self.opt_integer(key)
        return default if value is None else value

    def opt_list(self, key: str) -> list[Any] | None:
        value = self._get(key)
        if value is None or isinstance(value, list):
            return value
        raise self._wrong(key, "a list", value)

    def opt_texts(self, key: str) -> list[str] | None:
        items = self.opt_list(key)
        if items is None:
            return None
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self._wrong(f"{key}[{index}]", "text", item)
        return list(items)

    def texts(self, key: str) -> list[str]:
        return self.opt_texts(key) or []

    def opt_object(self, key: str) -> JsonObject | None:
        value = self._get(key)
        if value is None or isinstance(value, dict):
            return value
        raise self._wrong(key, "an object", value)

    def object(self, key: str) -> JsonObject:
        return self.opt_object(key) or {}

    def objects(self, key: str) -> list[JsonObject]:
        """A list of JSON objects (open shapes, e.g. evidence details)."""
        items = self.opt_list(key) or []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise self._wrong(f"{key}[{index}]", "an object", item)
        return list(items)

    def text_map(self, key: str) -> dict[str, str]:
        """An object whose values are all text (e.g. coverage.scenarios)."""
        value = self.object(key)
        for name, item in value.items():
            if not isinstance(item, str):
                raise self._wrong(f"{key}.{name}", "text", item)
        return dict(value)

    def count_map(self, key: str) -> dict[str, int]:
        """An object whose values are all whole numbers (e.g. counts per file)."""
        value = self.object(key)
        for name, item in value.items():
            if isinstance(item, bool) or not isinstance(item, int):
                raise self._wrong(f"{key}.{name}", "a whole number", item)
        return dict(value)

    def record(self, key: str, read: Callable[[Fields], T]) -> T:
        """A nested object read as a record (absent or null: read from an empty object)."""
        return read(Fields(self.object(key), self.document, self._at + key))

    def opt_record(self, key: str, read: Callable[[Fields], T]) -> T | None:
        value = self.opt_object(key)
        return None if value is None else read(Fields(value, self.document, self._at + key))

    def records(self, key: str, read: Callable[[Fields], T]) -> list[T]:
        items = self.opt_list(key) or []
        return [
            read(Fields(item, self.document, f"{self._at}{key}[{index}]")) for index, item in enumerate(items)
        ]

    def rest(self) -> JsonObject:
        """The keys no accessor has read, in the document's order."""
        return {k: v for k, v in self._data.items() if k not in self._read}


def put(out: JsonObject, key: str, value: object) -> None:
    """Set `key` unless `value` is None: how documents leave out the optional fields they lack."""
    if value is not None:
        out[key] = value
