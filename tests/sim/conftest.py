"""Fixtures for the simulated world: a manual clock from zero, a world, a console on a node."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from s20.clock import ManualClock
from s20.sim import Timing, VirtualNode, World


class Console:
    """Type lines into a node and read back what each printed, as text lines."""

    def __init__(self, node: VirtualNode) -> None:
        self.node = node
        self.output = bytearray()
        # Each line's end, with the clock time it was printed.
        self.stamps: list[tuple[int, float]] = []
        node.attach(self._write)
        self._seen = len(self.output)

    def _write(self, data: bytes) -> None:
        self.output += data
        if data.endswith(b"\r\n"):
            self.stamps.append((len(self.output), self.node.clock.monotonic()))

    def timed(self, clock: ManualClock, seconds: float) -> list[tuple[float, str]]:
        """Let `seconds` pass; return the lines printed meanwhile, each with its time."""
        start = len(self.output)
        clock.advance(seconds)
        lines: list[tuple[float, str]] = []
        begin = start
        for end, t in self.stamps:
            if end <= start:
                continue
            for line in bytes(self.output[begin:end]).decode().split("\r\n"):
                if line.removeprefix("> "):
                    lines.append((round(t, 6), line.removeprefix("> ")))
            begin = end
        self._seen = len(self.output)
        return lines

    def run(self, line: str) -> list[str]:
        """Type `line`; return the lines printed for it (echo and result included)."""
        self.node.receive(line.encode() + b"\n")
        return self.take()

    def take(self) -> list[str]:
        """Return the lines printed since the last call, prompts stripped."""
        chunk = bytes(self.output[self._seen :])
        self._seen = len(self.output)
        lines = chunk.decode().split("\r\n")
        return [line.removeprefix("> ") for line in lines if line.removeprefix("> ")]

    def ok(self, line: str) -> list[str]:
        """Type `line`, check it answered Done; return its output between echo and Done."""
        printed = self.run(line)
        assert printed[0] == line, printed
        assert printed[-1] == "Done", printed
        return printed[1:-1]

    def error(self, line: str) -> str:
        """Type `line`, check it failed; return the `Error n: Name` line."""
        printed = self.run(line)
        assert printed[0] == line, printed
        assert printed[-1].startswith("Error "), printed
        return printed[-1]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(start=0.0)


@pytest.fixture
def world(clock: ManualClock) -> World:
    return World(clock=clock, rng=random.Random(7))


MakeNode = Callable[..., Console]


@pytest.fixture
def make_node(world: World, clock: ManualClock) -> MakeNode:
    """Build a node in `world` (EUI-64 18b43000000000NN) and return a console on it."""
    count = 0

    def make(timing: Timing | None = None, eui64: bytes | None = None) -> Console:
        nonlocal count
        count += 1
        node = VirtualNode(
            world,
            clock,
            eui64=eui64 or bytes.fromhex(f"18b43000000000{count:02x}"),
            rng=random.Random(count),
            timing=timing,
        )
        return Console(node)

    return make


def form_network(console: Console, clock: ManualClock, *, channel: int = 15) -> None:
    """Commit 02's network and bring the node up until it leads it."""
    for line in (
        "dataset init new",
        "dataset networkname GLS20-Test",
        f"dataset channel {channel}",
        "dataset panid 0x1234",
        "dataset extpanid dead00beef00cafe",
        "dataset networkkey 00112233445566778899aabbccddeeff",
        "dataset commit active",
        "ifconfig up",
        "thread start",
    ):
        console.ok(line)
    clock.advance(console.node.timing.leader_delay)
    assert console.ok("state") == ["leader"]


def attach_child(console: Console, clock: ManualClock) -> None:
    """Give the node the credentials of `form_network`'s network and let it attach."""
    for line in (
        "dataset networkkey 00112233445566778899aabbccddeeff",
        "dataset channel 15",
        "dataset panid 0x1234",
        "dataset extpanid dead00beef00cafe",
        "dataset commit active",
        "ifconfig up",
        "thread start",
    ):
        console.ok(line)
    clock.advance(console.node.timing.child_attach_delay)


def start_commissioner(console: Console, clock: ManualClock) -> None:
    """Start the node's commissioner and wait for `Commissioner: active`."""
    assert console.ok("commissioner start") == ["Commissioner: petitioning"]
    clock.advance(0)
    assert console.take() == ["Commissioner: active"]
