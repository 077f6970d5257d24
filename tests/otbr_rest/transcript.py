"""Read `rest.txt`: the recorded exchanges with a real otbr-agent, in their phases."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FIXTURES", "Exchange", "load_exchanges"]

FIXTURES = Path(__file__).parent.parent / "fixtures" / "otbr_rest"

_TITLE = re.compile(r"^\[(A\.\d+)\] (.*)$")
_HEADER = re.compile(r"^    ([A-Za-z-]+): (.*)$")


@dataclass
class Exchange:
    """One request and the agent's answer, and what the recorder did before the next."""

    ident: str
    title: str
    method: str = ""
    path: str = ""
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    status: int = 0
    reason: str = ""
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    notes: list[str] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        """Return a response header's value, if the agent sent it."""
        for key, value in self.response_headers:
            if key.lower() == name.lower():
                return value
        return None


def load_exchanges(path: Path = FIXTURES / "rest.txt") -> list[Exchange]:
    """Parse every exchange, with the notes (waits, states) that follow it."""
    exchanges: list[Exchange] = []
    current: Exchange | None = None
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        title = _TITLE.match(line)
        if title:
            current = Exchange(title.group(1), title.group(2))
            exchanges.append(current)
            continue
        if current is None:
            continue
        if line.startswith(">>> request headers"):
            section = "request"
        elif line.startswith("<<< response headers"):
            section = "response"
        elif line.startswith(">>> request body repr: "):
            current.request_body = ast.literal_eval(line.removeprefix(">>> request body repr: "))
        elif line.startswith("<<< body repr: "):
            current.body = ast.literal_eval(line.removeprefix("<<< body repr: "))
        elif line.startswith("<<< HTTP/1.1 "):
            status, _, reason = line.removeprefix("<<< HTTP/1.1 ").partition(" ")
            current.status, current.reason = int(status), reason
        elif line.startswith(">>> ") and not line.startswith(">>> request"):
            current.method, _, current.path = line.removeprefix(">>> ").partition(" ")
        elif line.startswith(("<<<", ">>>")):
            section = ""
        elif line.startswith("(") and line.endswith(")"):
            current.notes.append(line)
        elif (header := _HEADER.match(line)) and section:
            pair = (header.group(1), header.group(2))
            target = current.request_headers if section == "request" else current.response_headers
            target.append(pair)
    return exchanges
