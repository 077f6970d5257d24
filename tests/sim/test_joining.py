"""Joining with the world: joiner devices meet a node's commissioner; a node joins a network."""

from __future__ import annotations

import random

import pytest

from s20.clock import ManualClock
from s20.sim import DEFAULT_TIMING, VirtualNode, World
from s20.thread import Dataset, joiner_id

from .conftest import Console, MakeNode, form_network, start_commissioner

T = DEFAULT_TIMING
EUI = bytes.fromhex("18b4300000000101")
ID = joiner_id(EUI).hex()
# 09_dataset_tlv_vectors.txt:490: a complete active dataset (channel 25, PAN ID 0xca49).
NEIGHBOUR_TLVS = (
    "0e08000000000001000000030000194a0300000f35060004001fffe0020890a0e47ff2071a900708fdc41913"
    "a83ce09b0510bc3a9c48c8284df923906d3ce1c869e0030f4f70656e5468726561642d636134390102ca4904"
    "101ca073278dd1a41a67c564660c8a83080c0402a0f7f8"
)
NEIGHBOUR = {
    "network_name": "OpenThread-ca49",
    "ext_pan_id": "90a0e47ff2071a90",
    "pan_id": 0xCA49,
    "channel": 25,
    "rssi": -70,
    "lqi": 120,
    "pskd": "J01NME",
    "dataset": NEIGHBOUR_TLVS,
}


def _timed(console: Console, clock: ManualClock, until: float) -> list[tuple[float, str]]:
    """Advance to `until`; return each line printed meanwhile with its time (to 1 us)."""
    return console.timed(clock, until - clock.monotonic())


def _at(t: float, line: str) -> tuple[float, str]:
    return (round(t, 6), line)


def _armed_leader(make_node: MakeNode, clock: ManualClock, entry: str) -> Console:
    console = make_node()
    form_network(console, clock)
    start_commissioner(console, clock)
    console.ok(f"commissioner joiner add {entry}")
    return console


def test_a_device_joins_with_the_recorded_order_and_spacing(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    leader = _armed_leader(make_node, clock, f"{EUI.hex()} J01NME 120")
    t0 = clock.monotonic()
    world.add_joiner_device(EUI, "J01NME")
    events = _timed(leader, clock, t0 + 30)
    finalize = t0 + T.join_discover + T.join_handshake + T.join_finalize
    # 06_commissioning_success.txt:357-400: start, connect, finalize, end (+2 s).
    assert events == [
        _at(t0 + T.join_discover, f"Commissioner: Joiner start {ID}"),
        _at(t0 + T.join_discover + T.join_handshake, f"Commissioner: Joiner connect {ID}"),
        _at(finalize, f"Commissioner: Joiner finalize {ID}"),
        _at(finalize + T.join_end, f"Commissioner: Joiner end {ID}"),
        # A joined EUI-64 entry goes 20 s after finalize (06_commissioning_success.txt:429).
        _at(finalize + T.joiner_remove_delay, f"Commissioner: Joiner remove {ID}"),
    ]
    device = world.snapshot()["joiners"][0]
    assert device["status"] == "joined"
    assert device["attempts"] == 1
    assert device["joined_network"] == "GLS20-Test"
    # Once joined, the device attached as the leader's child.
    rows = leader.ok("child table")[2:]
    assert len(rows) == 1
    assert rows[0].startswith("|   1 | 0x")


def test_the_wildcard_entry_stays_after_a_join(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    leader = _armed_leader(make_node, clock, "* J01NME 600")
    world.add_joiner_device(EUI, "J01NME")
    clock.advance(60)
    lines = leader.take()
    assert lines[-1] == f"Commissioner: Joiner end {ID}"
    rows = leader.ok("commissioner joiner table")[2:]
    assert len(rows) == 1
    assert rows[0].startswith("|                     * |")


def test_a_wrong_pskd_fails_on_the_commissioner_and_the_device_retries(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    leader = _armed_leader(make_node, clock, "* J01NME 600")
    t0 = clock.monotonic()
    world.add_joiner_device(EUI, "BADPSK1")
    events = _timed(leader, clock, t0 + 10)
    # 07_commissioning_failures.txt:186 and :348: start, then end without connect.
    assert events == [
        _at(t0 + T.join_discover, f"Commissioner: Joiner start {ID}"),
        _at(t0 + T.join_discover + T.join_security, f"Commissioner: Joiner end {ID}"),
    ]
    retry = t0 + T.join_discover + T.join_security + 10.0
    clock.advance(retry + T.join_discover - clock.monotonic())
    assert leader.take() == [f"Commissioner: Joiner start {ID}"]
    device = world.snapshot()["joiners"][0]
    assert (device["status"], device["attempts"]) == ("trying", 2)
    world.remove_joiner_device(EUI)
    clock.advance(60)
    assert leader.take() == []
    assert world.snapshot()["joiners"] == []


def test_a_device_waits_for_an_entry_and_for_its_start_time(clock: ManualClock) -> None:
    world = World.from_mapping(
        {"joiners": [{"eui64": EUI.hex(), "pskd": "J01NME", "start": 20, "retry_interval": 5}]},
        clock=clock,
    )
    node = VirtualNode(world, clock, rng=random.Random(3))
    leader = Console(node)
    form_network(leader, clock)
    start_commissioner(leader, clock)
    clock.advance(20 - clock.monotonic())
    assert world.snapshot()["joiners"][0]["status"] == "trying"
    clock.advance(T.join_not_found)
    assert world.snapshot()["joiners"][0]["status"] == "waiting"
    leader.ok(f"commissioner joiner add {EUI.hex()} J01NME")
    clock.advance(5 + 10)
    assert world.snapshot()["joiners"][0]["status"] == "joined"
    assert world.snapshot()["joiners"][0]["attempts"] == 2


@pytest.fixture
def neighbourhood(clock: ManualClock) -> World:
    return World.from_mapping({"networks": [NEIGHBOUR]}, clock=clock)


def _joiner(world: World, clock: ManualClock) -> Console:
    console = Console(VirtualNode(world, clock, eui64=EUI, rng=random.Random(5)))
    console.ok("ifconfig up")
    return console


def test_a_node_joins_a_network_in_range_like_06(neighbourhood: World, clock: ManualClock) -> None:
    console = _joiner(neighbourhood, clock)
    t0 = clock.monotonic()
    console.ok("joiner start J01NME")
    assert console.ok("joiner state") == ["Discover"]
    clock.advance(T.join_discover)
    assert console.ok("joiner state") == ["Connecting"]
    clock.advance(T.join_handshake + T.join_finalize)
    assert console.ok("joiner state") == ["Entrust"]
    clock.advance(T.join_entrust)
    assert console.ok("joiner state") == ["Joined"]
    events = _timed(console, clock, t0 + 10)
    finalize = t0 + T.join_discover + T.join_handshake + T.join_finalize
    assert events == [_at(finalize + T.join_success, "Join success")]
    # 06_commissioning_success.txt:248-251: the joiner holds channel, key and PAN ID.
    assert console.ok("dataset active") == [
        "Channel: 25",
        "Network Key: bc3a9c48c8284df923906d3ce1c869e0",
        "PAN ID: 0xca49",
    ]
    assert console.ok("joiner state") == ["Idle"]
    console.ok("thread start")
    clock.advance(T.child_attach_delay)
    assert console.ok("state") == ["child"]
    assert console.ok("dataset active -x") == [NEIGHBOUR_TLVS]
    assert console.ok("networkname") == ["OpenThread-ca49"]


def test_a_node_with_a_wrong_pskd_fails_with_security(
    neighbourhood: World, clock: ManualClock
) -> None:
    console = _joiner(neighbourhood, clock)
    t0 = clock.monotonic()
    console.ok("joiner start BADPSK1")
    events = _timed(console, clock, t0 + 10)
    # 07_commissioning_failures.txt:349: 7.03 s after `joiner start`.
    assert events == [_at(t0 + T.join_discover + T.join_security, "Join failed [Security]")]
    assert console.error("dataset active") == "Error 23: NotFound"


def test_a_node_alone_fails_with_not_found(world: World, clock: ManualClock) -> None:
    console = _joiner(world, clock)
    t0 = clock.monotonic()
    console.ok("joiner start J01NME")
    events = _timed(console, clock, t0 + 10)
    # 07_commissioning_failures.txt:58: 4.825 s after `joiner start`.
    assert events == [_at(t0 + T.join_not_found, "Join failed [NotFound]")]


def test_joiner_start_needs_the_interface_and_a_stopped_node(
    neighbourhood: World, clock: ManualClock
) -> None:
    console = Console(VirtualNode(neighbourhood, clock, rng=random.Random(8)))
    # 06_commissioning_success.txt:166
    assert console.error("joiner start J01NME") == "Error 13: InvalidState"
    console.ok("ifconfig up")
    assert console.error("joiner start abc") == "Error 7: InvalidArgs"
    console.ok("joiner start J01NME")
    # 07_commissioning_failures.txt:409
    assert console.error("joiner start J01NME") == "Error 5: Busy"


def test_a_start_after_a_stop_during_discovery_wedges_the_joiner(
    neighbourhood: World, clock: ManualClock
) -> None:
    console = _joiner(neighbourhood, clock)
    console.ok("joiner start J01NME")
    clock.advance(0.3)
    console.ok("joiner stop")
    assert console.ok("joiner state") == ["Idle"]
    # 07_commissioning_failures.txt:442-459: Busy while the scan runs on, then Already,
    # even after the interface was taken down and up.
    assert console.error("joiner start J01NME") == "Error 5: Busy"
    clock.advance(8)
    assert console.error("joiner start J01NME") == "Error 24: Already"
    console.ok("ifconfig down")
    console.ok("ifconfig up")
    assert console.error("joiner start J01NME") == "Error 24: Already"
    assert console.take() == []
    # Only a reset clears it.
    assert console.run("factoryreset") == ["factoryreset"]
    console.ok("ifconfig up")
    console.ok("joiner start J01NME")


def test_a_stop_without_a_start_in_between_does_not_wedge(
    neighbourhood: World, clock: ManualClock
) -> None:
    console = _joiner(neighbourhood, clock)
    console.ok("joiner start J01NME")
    console.ok("joiner stop")
    clock.advance(T.join_not_found + 1)
    console.ok("joiner start J01NME")
    clock.advance(10)
    assert console.take() == ["Join success"]


def test_the_entrusted_dataset_is_the_one_the_scenario_gives(neighbourhood: World) -> None:
    dataset = Dataset.from_tlvs(neighbourhood.snapshot()["networks"][0]["dataset"])
    assert dataset.to_hex() == NEIGHBOUR_TLVS
