"""Read a JSON object field by field, each broken rule a -32602 naming the field's path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from s20.errors import InvalidParams
from s20.services.thread import checked

__all__ = ["Fields"]

T = TypeVar("T")


class Fields:
    """The fields of one JSON object at `path` (`otbr_cfg`, `wifi_saved.list[0]`, ...).

    Every field read is required and strictly typed: `true` is not a number and `1` is
    not a boolean, as in the API's request bodies.
    """

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise InvalidParams(f"{path} must be an object")
        self._data: dict[str, Any] = data
        self.path = path

    def name(self, key: str) -> str:
        """Return the full path of field `key`."""
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """Tell whether field `key` is present (null counts as absent)."""
        return self._data.get(key) is not None

    def raw(self, key: str) -> Any:
        """Return field `key` unchecked; it must be present."""
        if key not in self._data:
            raise InvalidParams(f"{self.name(key)} is required")
        value = self._data[key]
        if value is None:
            raise InvalidParams(f"{self.name(key)} must not be null")
        return value

    def string(self, key: str) -> str:
        value = self.raw(key)
        if not isinstance(value, str):
            raise InvalidParams(f"{self.name(key)} must be a string")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise InvalidParams(f"{self.name(key)} must be a boolean")
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidParams(f"{self.name(key)} must be an integer from {low} to {high}")
        return value

    def number(self, key: str) -> int:
        """Return an integer field whose range a service's rule checks."""
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidParams(f"{self.name(key)} must be an integer")
        return value

    def strings(self, key: str) -> list[str]:
        """Return an array of strings whose length a service's rule checks."""
        value = self.raw(key)
        if not isinstance(value, list):
            raise InvalidParams(f"{self.name(key)} must be an array")
        for n, item in enumerate(value):
            if not isinstance(item, str):
                raise InvalidParams(f"{self.name(key)}[{n}] must be a string")
        return value

    def obj(self, key: str) -> Fields:
        return Fields(self.raw(key), self.name(key))

    def array(self, key: str, most: int) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise InvalidParams(f"{self.name(key)} must be an array")
        if len(value) > most:
            raise InvalidParams(f"{self.name(key)} must have at most {most} entries")
        return value

    def rule(self, key: str, rule: Callable[[object], T]) -> T:
        """Apply a rule (which raises `ValueError` saying "must be ...") to field `key`."""
        return checked(self.name(key), rule, self.raw(key))
