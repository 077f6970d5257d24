"""Golden tests: the virtual node replays transcripts 01-09 and prints what the real one did.

Each recorded node (n1, n2, n3: OpenThread simulation nodes with EUI-64 18b430000000000N)
becomes a `VirtualNode` in one `World`, so the nodes hear each other as the real ones did:
n1's commissioner sees n2 join, n2 scans n1's network. Commands are typed at their
recorded times on a ManualClock; every OUT line of every node must come out equal, at
its recorded time within `replay.DEFAULT_TOLERANCE`.

What a real node makes up at random cannot be replayed, so each case lists it:
- pinned: the extended address a node had (given to the constructor, so the link-local
  addresses and table rows derived from it are checked for real); the jitter of attach
  and handshake delays where a recording falls outside the default (`Timing`); the
  network `dataset init new` generated in 09, which node 2 then loads by hex;
- masked (by pattern, the rest of the line is still compared): values drawn at random
  (keys, IDs, router IDs, session IDs, wake-up channels, energy readings) and numbers
  that depend on exact timing (milliseconds left), the latter within a tolerance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest

from s20.sim import Timing, VirtualNode
from s20.thread import Dataset
from tests.otcli.transcripts import Event, load, raw

from .replay import Mask, NodeSetup, compare, replay

EUI64 = {f"n{i}": bytes.fromhex(f"18b430000000000{i}") for i in (1, 2, 3)}


def node(label: str, extaddr: str | None = None, **timing: float) -> NodeSetup:
    """The setup of a recorded node: its EUI-64, maybe its extended address and delays."""
    ext = bytes.fromhex(extaddr) if extaddr else None
    return NodeSetup(EUI64[label], ext, Timing(**timing))


Hook = Callable[[Event, dict[str, VirtualNode]], None]


@dataclass(frozen=True)
class Case:
    name: str
    nodes: dict[str, NodeSetup]
    masks: tuple[Mask, ...] = ()
    before: Hook | None = None
    after: Hook | None = None


# -- masks shared by several recordings ---------------------------------------------------

# `dataset init new` draws channel, PAN ID, keys, prefix and name (02 lines 18-29).
NEW_NETWORK = (
    Mask(r"^(?:Channel|PAN ID): (?:0x)?([0-9a-f]+)$", command="dataset"),
    Mask(r"^(?:Ext PAN ID|Network Key|PSKc): ([0-9a-f]+)$", command="dataset"),
    Mask(r"^Mesh Local Prefix: (fd[0-9a-f:]+)::/64$", command="dataset"),
    Mask(r"^Network Name: OpenThread-([0-9a-f]{4})$", command="dataset"),
)
# ...and the wake-up channel, which stays when the other values are set by hand.
WAKEUP = (Mask(r"^Wake-up Channel: (\d+)$"), Mask(r"4a030000([0-9a-f]{2})"))
# A leader picks its router ID at random: RLOC16, RLOC, leader data, router table.
ROUTER_ID = (
    Mask(r"^([0-9a-f]{4})$", command="rloc16"),
    Mask(r"fe00:(?!fc00)([0-9a-f]+)"),
    Mask(r"^Leader Router ID: (\d+)$"),
    Mask(r"^\| ([ \d]\d) \| 0x([0-9a-f]{4}) \|", command="router table"),
)
# The ML-EID interface identifier is random (the RLOC and ALOC ones are not).
ML_EID = (Mask(r"^fd00:db8:a:0:(?!0:ff:fe00:)([0-9a-f:]+?)(?= |$)", command="ipaddr.*"),)
# Partition ID, network data versions and the leader's commissioner session ID.
PARTITION = (
    Mask(r"^(?:Partition ID|Data Version|Stable Data Version): (\d+)$"),
    Mask(r"^(\d+)$", command="partitionid"),
    Mask(r"^(\d+) (?:-|[0-9a-f]{4}|\u2026) - (?:-|[0-9a-f]+)$", command="netdata show"),
    Mask(r"^(\d+)$", command="commissioner sessionid"),
)
# Milliseconds left on a joiner entry: the real node's clock ran on while it answered.
EXPIRATION = (Mask(r"\|\s+(\d+) \|$", command="commissioner joiner table", near=50),)


def network_3_as_recorded(event: Event, nodes: dict[str, VirtualNode]) -> None:
    """Pin 09's third `dataset init new` (line 321) to the network it made (line 490).

    Node 2 later loads that network by hex (line 501), so node 1 must hold the same one.
    """
    if event.lineno == 321:
        recorded = next(e.text for e in load("09") if e.lineno == 490)
        nodes["n1"].datasets.buffer = Dataset.from_tlvs(recorded)


def third_formation_jitter(event: Event, nodes: dict[str, VirtualNode]) -> None:
    """09's third formation (line 330) became leader after 33.0-34.0 s, the second 34.0-35.0."""
    if event.lineno == 330:
        n1 = nodes["n1"]
        n1.timing = replace(n1.timing, reattach_leader_delay=33.5)


CASES = [
    Case(
        "01",
        {"n1": node("n1", "feeb11dcf64e31d7")},
        (
            # A fresh node's network key is random (line 66); uptime counts from boot.
            Mask(r"^([0-9a-f]{32})$", command="networkkey"),
            Mask(r"^00:00:00\.(\d{3})$", command="uptime", near=20),
        ),
    ),
    Case(
        "02",
        {"n1": node("n1", "cea69726a5d8ca8a")},
        (*NEW_NETWORK, *WAKEUP, *ROUTER_ID, *ML_EID, *PARTITION),
    ),
    Case("03", {"n1": node("n1")}),
    Case(
        "04",
        {
            "n1": node("n1", "8a76c20c9d8fc956"),
            "n2": node("n2"),
            # Node 3 became leader 7.0-8.0 s after `thread start` (lines 218-255).
            "n3": node("n3", "a6a270c5aa3f6cff", leader_delay=7.5),
        },
        (*WAKEUP, Mask(r"^\| \d\d \| ( *-\d+) \|$", command="scan energy.*")),
    ),
    Case(
        "05",
        {"n1": node("n1")},
        (
            # The first BBR sequence number is random (60 here), the leader's RLOC16 too.
            Mask(r"^seqno:    (?!10$)(\d+)$"),
            Mask(r"^server16: 0x([0-9A-F]{4})$"),
            Mask(r"^44970 01 ([0-9a-f]{2})000500000e10 s ([0-9a-f]{4}) 0$"),
            *PARTITION,
        ),
    ),
    Case(
        "06",
        {
            # Leader after 7.0-8.0 s (lines 43-80); the DTLS handshakes took 0.3 s
            # (lines 229, 375), longer than in 07, 08 and 10.
            "n1": node("n1", "a28afa974b32d0ad", leader_delay=7.5),
            "n2": node("n2", "62de5480c1cd11a0", join_handshake=0.335),
            "n3": node("n3", "6e80c3a8e4248d90", join_handshake=0.335),
        },
        (
            # The commissioner's locator is its RLOC16 (random router ID).
            Mask(r"^\d+ ([0-9a-f]{4}) - ff$", command="netdata show"),
            *PARTITION,
            *EXPIRATION,
            *ROUTER_ID,
            # Child RLOC16s sit under the leader's; C_VN is its network data version.
            Mask(r"^\| +\d+ \| 0x([0-9a-f]{2})[0-9a-f]{2} \|.*\|( +\d+) \|1\|1\|1\|"),
            Mask(r"^\|   C  \| 0x([0-9a-f]{2})"),
        ),
    ),
    Case("07", {"n1": node("n1"), "n2": node("n2")}, EXPIRATION),
    Case(
        "08",
        {"n1": node("n1"), "n2": node("n2")},
        (
            # A discerner's joiner ID has random bits above the discerner's 12.
            Mask(r"^([0-9a-f]{13})abc$", command="joiner id"),
            Mask(r"^(?:> )?Commissioner: Joiner \w+ ([0-9a-f]{13})abc$"),
            *EXPIRATION,
        ),
    ),
    Case(
        "09",
        # Node 2 attached 0.5-1.0 s after `thread start` (lines 547-560).
        {"n1": node("n1"), "n2": node("n2", child_attach_delay=0.75)},
        (
            *WAKEUP,
            # Milliseconds left on the pending dataset's delay timer (lines 637, 657).
            Mask(r"^Delay: (\d+)$", near=10),
            Mask(r"34040000([0-9a-f]{4})", near=10, base=16),
        ),
        before=third_formation_jitter,
        after=network_3_as_recorded,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_replay_prints_the_recorded_lines(case: Case) -> None:
    result = replay(case.name, case.nodes, before=case.before, after=case.after)
    problems: list[str] = []
    for label in case.nodes:
        problems += compare(case.name, label, result.printed[label], case.masks)
        # What follows the last line break must be what the raw recording ends with
        # (usually the pending prompt `> `).
        tail = raw(case.name, f"node{label[1:]}").rsplit(b"\r\n", 1)[-1]
        if result.partial[label] != tail:
            problems.append(f"{label}: output ends with {result.partial[label]!r}, not {tail!r}")
    assert not problems, "\n".join(problems)
