"""Read the device's API document: each endpoint's method and response fields.

The document is plain text as published (`tests/fixtures/spec/gl-s20-http-api.txt`).
Each endpoint section starts with a line that is just its path (`/otbr/get_status`),
names its method on a `• Request Method:` line, and ends with a `• Response parameters:`
table of `Field Type Description` rows. Its quirks, handled here:

- descriptions run on over several lines (`RCP.State` lists its values one per line);
  a run-on line never starts with a field path followed by a type, which is how rows
  are told apart from it;
- two tables swap the columns (`Field Description Type`: `/sys/upgrade_online_firmware`
  and `/sys/get_log`);
- the `import_joiner_list` request table is two tables merged cell by cell; only
  response tables are read, and its response table is intact;
- `import_sys_config` lists `code` and `err_msg` in its request table as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ENVELOPE_FIELDS",
    "SPEC_PATH",
    "TYPES",
    "Endpoint",
    "Field",
    "SpecError",
    "load_spec",
    "overview_paths",
    "parse_spec",
]

SPEC_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "spec" / "gl-s20-http-api.txt"

TYPES = frozenset({"number", "string", "boolean", "array", "object"})
# Every table ends with these two rows; they describe the envelope, not `result`.
ENVELOPE_FIELDS = frozenset({"code", "err_msg"})

_ENDPOINT = re.compile(r"/[a-z_]+/[a-z_]+")
_OVERVIEW_ROW = re.compile(r"(/[a-z_]+/[a-z_]+) \S")
_METHOD = re.compile(r"\s*•\s*Request Method:\s*(\S+)\s*")
_RESPONSE = re.compile(r"\s*•\s*Response parameters:\s*")
_BULLET = re.compile(r"\s*•")
_FIELD_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[x\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[x\])?)*")
_HEADERS = {("Field", "Type", "Description"): 1, ("Field", "Description", "Type"): -1}


class SpecError(ValueError):
    """The document does not read as expected at `line` (1-based)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Field:
    """One documented response field: `Network.Channel`, `ScanList[x].PanId`, ..."""

    path: str
    type: str
    line: int


@dataclass(frozen=True)
class Endpoint:
    """One documented endpoint: its method and its response fields (envelope excluded)."""

    path: str
    method: str
    response: tuple[Field, ...]
    line: int


def load_spec(path: Path = SPEC_PATH) -> dict[str, Endpoint]:
    """Parse the API document at `path`."""
    return parse_spec(path.read_text(encoding="utf-8"))


def overview_paths(text: str) -> list[str]:
    """Return the endpoint paths the document's Overview table lists, in order."""
    paths: list[str] = []
    for line in text.splitlines():
        if line.strip() == "/UI":  # the first section heading: the Overview is over
            break
        if match := _OVERVIEW_ROW.match(line):
            paths.append(match.group(1))
    return paths


def parse_spec(text: str) -> dict[str, Endpoint]:
    """Return every endpoint section of the document, by path."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _ENDPOINT.fullmatch(line.strip())]
    endpoints: dict[str, Endpoint] = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        endpoint = _section(lines, start, end)
        if endpoint.path in endpoints:
            raise SpecError(start + 1, f"{endpoint.path} is documented twice")
        endpoints[endpoint.path] = endpoint
    return endpoints


def _section(lines: list[str], start: int, end: int) -> Endpoint:
    path = lines[start].strip()
    method: str | None = None
    response: tuple[Field, ...] | None = None
    for i in range(start + 1, end):
        if match := _METHOD.fullmatch(lines[i]):
            if match.group(1) not in ("GET", "POST"):
                raise SpecError(i + 1, f"{path}: unknown method {match.group(1)!r}")
            method = match.group(1)
        elif _RESPONSE.fullmatch(lines[i]):
            response = _table(lines, i + 1, end, path)
    if method is None:
        raise SpecError(start + 1, f"{path} has no Request Method")
    if response is None:
        raise SpecError(start + 1, f"{path} has no Response parameters table")
    return Endpoint(path, method, response, start + 1)


def _table(lines: list[str], first: int, end: int, path: str) -> tuple[Field, ...]:
    header = tuple(lines[first].split()) if first < end else ()
    if header not in _HEADERS:
        raise SpecError(first + 1, f"{path}: expected a Field/Type/Description header")
    type_column = _HEADERS[header]
    fields: list[Field] = []
    for i in range(first + 1, end):
        line = lines[i]
        if not line.strip() or _BULLET.match(line):
            break
        words = line.split()
        if len(words) < 2 or not _FIELD_PATH.fullmatch(words[0]):
            continue  # a description running on from the row above
        kind = words[type_column]
        if kind not in TYPES:
            if type_column == -1:
                continue  # a run-on line of a swapped table need not end in a type
            raise SpecError(i + 1, f"{path}: {words[0]} has unknown type {kind!r}")
        if words[0] not in ENVELOPE_FIELDS:
            fields.append(Field(words[0], kind, i + 1))
    return tuple(fields)
