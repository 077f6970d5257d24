"""Reading scenario values: each broken rule is a ScenarioError naming the key path."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from s20.thread import RuleError

from ._errors import ScenarioError

__all__ = ["int_field", "key_path", "list_field", "rule", "table_field"]

T = TypeVar("T")
V = TypeVar("V")


def key_path(prefix: str, name: str) -> str:
    """Return the path of `name` inside `prefix` (`networks[1].channel`)."""
    return f"{prefix}.{name}" if prefix else name


def rule(key: str, check: Callable[[V], T], value: V) -> T:
    """Apply a rule of `s20.thread` or `s20.drivers.rules` to the value at `key`."""
    try:
        return check(value)
    except RuleError as error:
        raise ScenarioError(key, str(error)) from None


def int_field(key: str, value: object, low: int, high: int) -> int:
    """Return an integer from `low` to `high` (a boolean is none)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScenarioError(key, f"must be an integer from {low} to {high}, got {value!r}")
    return value


def table_field(
    key: str, value: object, allowed: Collection[str], required: set[str]
) -> Mapping[str, Any]:
    """Return a table that has every `required` key and no key outside `allowed`."""
    if not isinstance(value, Mapping):
        raise ScenarioError(key, f"must be a table, got {type(value).__name__}")
    for name in value:
        if name not in allowed:
            raise ScenarioError(key_path(key, str(name)), "unknown key")
    for name in sorted(required - set(value)):
        raise ScenarioError(key_path(key, name), "missing")
    return value


def list_field(key: str, value: object) -> list[object]:
    """Return a list."""
    if not isinstance(value, list):
        raise ScenarioError(key, f"must be a list, got {type(value).__name__}")
    return value
