"""Asynchronous CLI lines (commissioner and joiner events, log lines) as typed events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ._models import CommissionerState

__all__ = [
    "CommissionerJoinerEvent",
    "CommissionerStateChanged",
    "JoinResult",
    "JoinerEventKind",
    "LogLine",
    "RadioEvent",
    "UnknownLine",
    "is_event_line",
    "parse_event",
]


class JoinerEventKind(StrEnum):
    """The step named in `Commissioner: Joiner <kind> <id>`."""

    START = "start"
    CONNECT = "connect"
    FINALIZE = "finalize"
    END = "end"
    REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class CommissionerStateChanged:
    """`Commissioner: petitioning|active|disabled`."""

    state: CommissionerState


@dataclass(frozen=True, slots=True)
class CommissionerJoinerEvent:
    """`Commissioner: Joiner <kind> <joiner id>`; a wildcard removal has no id."""

    kind: JoinerEventKind
    joiner_id: str | None


@dataclass(frozen=True, slots=True)
class JoinResult:
    """`Join success` or `Join failed [<reason>]`, printed by a joiner."""

    success: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class LogLine:
    """An OpenThread log line that a build routes into the CLI output."""

    text: str


@dataclass(frozen=True, slots=True)
class UnknownLine:
    """An unsolicited line this package does not recognise."""

    text: str


RadioEvent = CommissionerStateChanged | CommissionerJoinerEvent | JoinResult | LogLine | UnknownLine

_COMMISSIONER_STATE = re.compile(r"^Commissioner: (petitioning|active|disabled)$")
# A wildcard removal prints the id as an empty string, leaving a trailing blank.
_JOINER = re.compile(
    r"^Commissioner: Joiner (start|connect|finalize|end|remove)(?: ([0-9a-f]{16}))? ?$"
)
_JOIN_FAILED = re.compile(r"^Join failed \[([A-Za-z0-9]+)\]$")
# `00:00:13.113 [-] Core----------: ...` (timestamped) or `[N] Mle-----------: ...`.
_LOG = re.compile(r"^(?:\d+:\d{2}:\d{2}\.\d{3} )?\[[-CWNIDcwnid]\] ")


def parse_event(line: str) -> RadioEvent:
    """Type one unsolicited line; anything unrecognised becomes `UnknownLine`."""
    if (m := _COMMISSIONER_STATE.match(line)) is not None:
        return CommissionerStateChanged(CommissionerState(m.group(1)))
    m = _JOINER.match(line)
    if m is not None and (m.group(2) is not None or m.group(1) == "remove"):
        return CommissionerJoinerEvent(JoinerEventKind(m.group(1)), m.group(2))
    if line == "Join success":
        return JoinResult(success=True)
    if (m := _JOIN_FAILED.match(line)) is not None:
        return JoinResult(success=False, reason=m.group(1))
    if _LOG.match(line) is not None:
        return LogLine(line)
    return UnknownLine(line)


def is_event_line(line: str) -> bool:
    """Return True for a line that is an event wherever it appears, even inside a reply."""
    return not isinstance(parse_event(line), UnknownLine)
