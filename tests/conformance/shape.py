"""Check a response's `result` against documented (field path, type) rows."""

from __future__ import annotations

from collections.abc import Iterable

from .spec import Field

__all__ = ["ShapeError", "problems", "values_at"]


class ShapeError(LookupError):
    """`result` has no value of the right kind on the way to a field."""


def values_at(result: object, path: str) -> list[tuple[str, object]]:
    """Return every value at `path`, one per array element for each `[x]`, by concrete path."""
    found: list[tuple[str, object]] = [("", result)]
    for part in path.split("."):
        name, each = (part[:-3], True) if part.endswith("[x]") else (part, False)
        deeper: list[tuple[str, object]] = []
        for where, value in found:
            if not isinstance(value, dict):
                raise ShapeError(f"{where or 'result'} is not an object")
            here = f"{where}.{name}" if where else name
            if name not in value:
                raise ShapeError(f"{here} is missing")
            child = value[name]
            if not each:
                deeper.append((here, child))
            elif isinstance(child, list):
                deeper.extend((f"{here}[{i}]", item) for i, item in enumerate(child))
            else:
                raise ShapeError(f"{here} is not an array")
        found = deeper
    return found


def _matches(kind: str, value: object) -> bool:
    if kind == "number":
        # bool is an int subclass in Python, but `true` is not a JSON number.
        return isinstance(value, int | float) and not isinstance(value, bool)
    expected = {"string": str, "boolean": bool, "array": list, "object": dict}[kind]
    return isinstance(value, expected)


def problems(result: object, fields: Iterable[Field], *, need_elements: bool = False) -> list[str]:
    """Return what is missing or mistyped in `result`; empty when it conforms.

    With `need_elements`, an array whose elements are documented but that is empty is a
    problem too: the elements' rows would otherwise go unchecked.
    """
    found: list[str] = []
    for field in fields:
        try:
            values = values_at(result, field.path)
        except ShapeError as exc:
            found.append(f"{field.path} (line {field.line}): {exc}")
            continue
        if need_elements and "[x]" in field.path and not values:
            found.append(f"{field.path} (line {field.line}): no element to check")
        for where, value in values:
            if not _matches(field.type, value):
                got = type(value).__name__
                found.append(f"{where} (line {field.line}): {field.type} expected, got {got}")
    return found
