"""The recorded otbr-agent of transcript 11, as a virtual node, and how to compare with it."""

from __future__ import annotations

import random
from collections.abc import Callable

from s20.clock import ManualClock
from s20.sim import Personality, VirtualNode, World
from s20.thread import Dataset
from tests.otcli.transcripts import FIXTURES, OTBR, Exchange, otbr_calls

from .conftest import Console

__all__ = [
    "AGENT_EUI64",
    "C0",
    "C1",
    "SETTLE",
    "Recorded",
    "agent_node",
    "answer",
    "form_as_recorded",
    "recorded_lines",
]

# 11_otbr_agent_otctl.txt:94 and :99: the agent's radio.
AGENT_EUI64 = bytes.fromhex("18b4300000000001")
AGENT_EXTADDR = bytes.fromhex("02c0305b943e68ec")
# What the agent made up at random, pinned so that every value derived from it is checked:
# the ML-EID's interface identifier (:192) and the /48 ULA prefix of its OMR prefix (:135).
AGENT_ML_EID_IID = bytes.fromhex("371b76c47fc6febc")
AGENT_ULA = bytes.fromhex("fdff62509d92")
# The network `dataset init new` made (:235), before `dataset channel` and `networkname`.
AGENT_DATASET = next(c for c in otbr_calls() if c.command == "dataset active -x").output[0]
# Section C.0 (:9-62) forms the network; C.1 (:65-366) queries the running agent.
C0 = tuple(c for c in otbr_calls() if c.lineno < 65)
C1 = {c.command: c for c in otbr_calls() if 65 < c.lineno < 368}
# C.0 waited 7.0 s for `leader`, then 3.0 s for the OMR prefix, then 20 s (:50-62).
SETTLE = 7.0 + 3.0 + 20.0

Recorded = Exchange


def recorded_lines(first: int, last: int) -> list[str]:
    """Return lines `first` to `last` (1-based, inclusive) of transcript 11."""
    lines = (FIXTURES / f"{OTBR}.txt").read_text().splitlines()
    return lines[first - 1 : last]


def agent_node(world: World, clock: ManualClock) -> VirtualNode:
    """Build transcript 11's agent: its EUI-64, extended address and random values pinned."""
    node = VirtualNode(
        world,
        clock,
        eui64=AGENT_EUI64,
        extaddr=AGENT_EXTADDR,
        rng=random.Random(11),
        personality=Personality.BORDER_ROUTER,
    )
    node.ml_eid_iid = AGENT_ML_EID_IID
    assert node.border_routing is not None
    node.border_routing.ula = AGENT_ULA
    return node


def answer(console: Console, command: str) -> tuple[tuple[str, ...], str]:
    """Type `command`; return its output lines and its result line, as an exchange holds.

    Every line is kept, blank ones too, and the answer must end with the prompt.
    """
    start = len(console.output)
    console.node.receive(command.encode() + b"\n")
    text = bytes(console.output[start:]).decode()
    console.take()
    assert text.endswith("\r\n> "), text
    lines = text.removesuffix("\r\n> ").split("\r\n")
    assert lines[0] == command, lines
    return tuple(lines[1:-1]), lines[-1]


def form_as_recorded(
    console: Console, check: Callable[[Recorded, tuple[tuple[str, ...], str]], None]
) -> None:
    """Replay C.0's calls (11_otbr_agent_otctl.txt:12-47), handing each to `check`."""
    for call in C0:
        got = answer(console, call.command)
        check(call, got)
        if call.command == "dataset init new":
            # Pin the random network to the one the agent made (as test_golden pins 09's).
            console.node.datasets.buffer = Dataset.from_tlvs(AGENT_DATASET)
