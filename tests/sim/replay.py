"""Replay a recorded transcript into virtual nodes and compare what they print.

Commands go in at their recorded `t_abs` on a ManualClock; every line a node prints is
stamped with the clock time its line ended. `compare()` matches those lines with the
node's OUT lines of the recording, one by one, in text (after masking values a real node
makes up at random) and in time (within a tolerance, which checks the order and delay of
asynchronous lines).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from s20.clock import ManualClock
from s20.sim import Timing, VirtualNode, World
from tests.otcli.transcripts import Event, load

__all__ = ["Mask", "NodeSetup", "Printed", "Replay", "compare", "expected", "replay"]

# How far a line may be from its recorded time. Commands are typed at their recorded
# times, so this bounds the model's asynchronous delays against the real node's.
DEFAULT_TOLERANCE = 0.15


@dataclass(frozen=True)
class Printed:
    """One line a node printed, and when its line ended."""

    t: float
    text: str


@dataclass(frozen=True)
class NodeSetup:
    """How to build one recorded node: EUI-64, the extended address it happened to have."""

    eui64: bytes
    extaddr: bytes | None = None
    timing: Timing = field(default_factory=Timing)


@dataclass(frozen=True)
class Mask:
    """A value the recording shows but the model cannot reproduce line for line.

    Wherever `pattern` occurs in a recorded line (of a command matching `command`, if
    given), it must occur as often in the printed line, and the text of its groups is
    masked in both before they are compared. Without `near` the masked values are random
    on a real node (keys, addresses, IDs); with `near` they are numbers (in `base`) that
    depend on timing (milliseconds left) and must lie within `near` of the recorded ones.
    """

    pattern: str
    command: str | None = None
    near: int | None = None
    base: int = 10

    def applies(self, text: str, command: str) -> bool:
        if self.command is not None and re.fullmatch(self.command, command) is None:
            return False
        return re.search(self.pattern, text) is not None

    def mask(self, text: str) -> tuple[str, list[str]]:
        """Return `text` with every group blanked out, and the values that were there."""
        values: list[str] = []
        pieces: list[str] = []
        last = 0
        for match in re.finditer(self.pattern, text):
            for group in range(1, (match.lastindex or 0) + 1):
                start, end = match.span(group)
                if start < 0:
                    continue
                pieces += [text[last:start], "\u2026"]
                values.append(match.group(group))
                last = end
        return "".join(pieces) + text[last:], values

    def problem(self, recorded: str, printed: str) -> str | None:
        want_values = self.mask(recorded)[1]
        got_values = self.mask(printed)[1]
        if len(want_values) != len(got_values):
            return f"{self.pattern!r} found {len(got_values)} times, recorded {len(want_values)}"
        if self.near is not None:
            for a, b in zip(want_values, got_values, strict=True):
                if abs(int(a, self.base) - int(b, self.base)) > self.near:
                    return f"{b} is not within {self.near} of {a}"
        return None


@dataclass
class Replay:
    """The nodes of a replayed transcript and what each printed."""

    clock: ManualClock
    world: World
    nodes: dict[str, VirtualNode]
    printed: dict[str, list[Printed]]
    partial: dict[str, bytes]


class _Recorder:
    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.lines: list[Printed] = []
        self.buffer = b""

    def __call__(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\r\n", 1)
            self.lines.append(Printed(self.clock.monotonic(), line.decode()))


def replay(
    name: str,
    setups: dict[str, NodeSetup],
    *,
    world: World | None = None,
    before: Callable[[Event, dict[str, VirtualNode]], None] | None = None,
    after: Callable[[Event, dict[str, VirtualNode]], None] | None = None,
    tail: float = 2.0,
) -> Replay:
    """Type every IN line of transcript `name` into fresh virtual nodes at its time.

    `before` and `after` run around each typed line, to pin what a real node picked at
    random (a delay's jitter, a generated network) to what the recording shows.
    """
    clock = ManualClock(start=0.0)
    world = world if world is not None else World(clock=clock)
    world.bind(clock)
    nodes: dict[str, VirtualNode] = {}
    recorders: dict[str, _Recorder] = {}
    for index, (label, setup) in enumerate(sorted(setups.items()), 1):
        node = VirtualNode(
            world,
            clock,
            eui64=setup.eui64,
            extaddr=setup.extaddr,
            rng=random.Random(f"{name}:{label}:{index}"),
            timing=setup.timing,
        )
        recorders[label] = _Recorder(clock)
        node.attach(recorders[label])
        nodes[label] = node
    events = load(name)
    for event in events:
        if event.dir != "IN" or event.node not in nodes:
            continue
        clock.advance(max(0.0, event.t_abs - clock.monotonic()))
        if before is not None:
            before(event, nodes)
        nodes[event.node].receive(event.text.encode() + b"\n")
        if after is not None:
            after(event, nodes)
    clock.advance(max(0.0, events[-1].t_abs - clock.monotonic()) + tail)
    return Replay(
        clock,
        world,
        nodes,
        {label: r.lines for label, r in recorders.items()},
        {label: r.buffer for label, r in recorders.items()},
    )


def expected(name: str, node: str) -> list[tuple[Event, str]]:
    """Return the recorded OUT lines of `node`, each with the command it answered."""
    out: list[tuple[Event, str]] = []
    command = ""
    for event in load(name):
        if event.node != node:
            continue
        if event.dir == "IN":
            command = event.text
        elif event.dir == "OUT":
            out.append((event, command))
    return out


def compare(
    name: str,
    node: str,
    printed: list[Printed],
    masks: Iterable[Mask] = (),
    *,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[str]:
    """Return every difference between the recording and the printed lines (none: equal)."""
    masks = list(masks)
    problems: list[str] = []
    recorded = expected(name, node)
    for index, ((event, command), line) in enumerate(zip(recorded, printed, strict=False)):
        where = f"{event.source} ({node} line {index})"
        want, got = event.text, line.text
        for mask in masks:
            if not mask.applies(want, command):
                continue
            problem = mask.problem(want, got)
            if problem is not None:
                problems.append(f"{where}: {line.text!r}: {problem} (recorded {event.text!r})")
            want, got = mask.mask(want)[0], mask.mask(got)[0]
        if got != want:
            problems.append(f"{where}: printed {line.text!r}, recorded {event.text!r}")
        if abs(line.t - event.t_abs) > tolerance:
            problems.append(
                f"{where}: {line.text!r} at {line.t:.3f} s, recorded at {event.t_abs:.3f} s"
            )
    if len(printed) != len(recorded):
        extra = printed[len(recorded) :] or [
            Printed(0, e.text) for e, _ in recorded[len(printed) :]
        ]
        problems.append(
            f"{name} {node}: printed {len(printed)} lines, recorded {len(recorded)}; "
            f"first unmatched: {extra[0].text!r}"
        )
    return problems
