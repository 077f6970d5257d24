"""JSON text exactly as otbr-agent's cJSON prints it.

`cJSON_Print` indents with tabs, puts a tab after each key's colon, separates array
items with `, ` on one line, and prints a lone string or number compactly; Home
Assistant never cares, but a client that compares bytes does, and so does the replay.
"""

from __future__ import annotations

import json

__all__ = ["JsonValue", "cjson"]

JsonValue = None | bool | int | str | list["JsonValue"] | dict[str, "JsonValue"]


def _text(value: JsonValue, depth: int) -> str:
    if isinstance(value, dict):
        inner = "\t" * (depth + 1)
        items = ",\n".join(
            f"{inner}{json.dumps(key, ensure_ascii=False)}:\t{_text(item, depth + 1)}"
            for key, item in value.items()
        )
        return "{\n" + (items + "\n" if items else "") + "\t" * depth + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_text(item, depth + 1) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def cjson(value: JsonValue) -> bytes:
    """Return `value` as `cJSON_Print` writes it (UTF-8, no trailing newline)."""
    return _text(value, 0).encode("utf-8")
