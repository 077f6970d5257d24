"""The world's runtime API (for the daemon's /sim/* routes) and what nodes hear of it."""

from __future__ import annotations

import json
import random

import pytest

from s20.clock import ManualClock
from s20.sim import DEFAULT_TIMING, VirtualNode, World

from .conftest import Console, MakeNode, attach_child, form_network

T = DEFAULT_TIMING
EXT = bytes.fromhex("1111111122222222")


def test_added_network_shows_in_scan_and_discover(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    world.add_network("SecondNet", EXT, 0xBEEF, 20, rssi=-45, lqi=200)
    console = make_node()
    console.ok("ifconfig up")
    console.run("discover 20")
    clock.advance(T.scan_channel)
    extaddr = world.snapshot()["networks"][0]["extaddr"]
    # 04_scan_discover.txt:270 (the row format)
    assert console.take() == [
        f"| SecondNet        | 1111111122222222 | beef | {extaddr} | 20 | -45 | 200 |",
        "Done",
    ]
    world.remove_network(EXT)
    console.run("scan 20")
    clock.advance(T.scan_channel)
    assert console.take() == ["Done"]


def test_full_scan_rows_come_per_channel_and_done_after_the_last(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    world.add_network("Low", bytes.fromhex("0000000000000011"), 0x11, 11, rssi=-60, lqi=90)
    world.add_network("High", bytes.fromhex("0000000000000026"), 0x26, 26, rssi=-70, lqi=80)
    console = make_node()
    console.run("scan")
    lines = console.timed(clock, 6)
    step = T.scan_channel + T.scan_switch
    assert [(t, line[:6]) for t, line in lines] == [
        (round(T.scan_beacon, 6), "| 0011"),
        (round(15 * step + T.scan_beacon, 6), "| 0026"),
        (round(16 * step - T.scan_switch, 6), "Done"),
    ]


def test_scan_arguments(make_node: MakeNode) -> None:
    console = make_node()
    assert console.error("scan 27") == "Error 7: InvalidArgs"
    assert console.error("scan 11 12") == "Error 7: InvalidArgs"
    # discover needs the interface up (04 brings it up first, line 103)
    assert console.error("discover") == "Error 13: InvalidState"


def test_energy_scan_reads_the_strongest_network(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    world.add_network("Loud", EXT, 0xBEEF, 13, rssi=-40, lqi=200)
    console = make_node()
    rows = console.ok("scan energy")[2:]
    assert rows[2] == "| 13 |  -40 |"
    assert rows[0] == f"| 11 | {world.noise_floor:4} |"
    console.run("scan energy 10")
    lines = console.timed(clock, 1)
    assert lines[0] == (0.01, "| 11 |  -98 |")
    assert lines[-2:] == [(0.16, "| 26 |  -98 |"), (0.16, "Done")]


def test_a_leading_node_beacons_with_its_own_network(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    leader = make_node()
    form_network(leader, clock, channel=20)
    (beacon,) = world.beacons(20)
    assert beacon.discover_row() == (
        f"| GLS20-Test       | dead00beef00cafe | 1234 | {leader.node.extaddr.hex()} "
        "| 20 | -20 |   0 |"
    )
    # A node does not hear itself.
    assert world.beacons(20, exclude=leader.node) == []


def test_runtime_input_is_validated_with_the_field_named(world: World) -> None:
    with pytest.raises(ValueError, match=r"^eui64: must be 8 bytes"):
        world.add_joiner_device(b"\x01", "J01NME")
    with pytest.raises(ValueError, match=r"^pskd: must be 6-32"):
        world.add_joiner_device(bytes(8), "J01NMEO")
    world.add_joiner_device(bytes(8), "J01NME")
    with pytest.raises(ValueError, match=r"^eui64: a joiner device .* is already there"):
        world.add_joiner_device(bytes(8), "J02NME")
    with pytest.raises(ValueError, match=r"^eui64: no joiner device"):
        world.remove_joiner_device(bytes.fromhex("0000000000000001"))
    with pytest.raises(ValueError, match=r"^channel: must be an integer from 11 to 26"):
        world.add_network("x", EXT, 1, 10)
    with pytest.raises(ValueError, match=r"^network_name: must be 1-16 bytes"):
        world.add_network("x" * 17, EXT, 1, 11)
    with pytest.raises(ValueError, match=r"^ext_pan_id: must be 8 bytes"):
        world.add_network("x", b"\x00", 1, 11)
    with pytest.raises(ValueError, match=r"^lqi: must be an integer"):
        world.add_network("x", EXT, 1, 11, lqi=300)
    world.add_network("x", EXT, 1, 11)
    with pytest.raises(ValueError, match=r"^ext_pan_id: a network .* is already in range"):
        world.add_network("y", EXT, 2, 12)
    with pytest.raises(ValueError, match=r"^ext_pan_id: no network"):
        world.remove_network(bytes(8))


def test_snapshot_is_json_and_shows_the_nodes(make_node: MakeNode, world: World) -> None:
    console = make_node()
    world.add_joiner_device(bytes.fromhex("18b4300000000777"), "J01NME")
    snapshot = json.loads(json.dumps(world.snapshot()))
    assert snapshot["nodes"] == [
        {
            "eui64": console.node.eui64.hex(),
            "extaddr": console.node.extaddr.hex(),
            "role": "disabled",
            "network_name": "OpenThread",
            "channel": 11,
            "pan_id": 0xFFFF,
        }
    ]
    assert snapshot["joiners"][0]["status"] == "trying"
    assert snapshot["joiners"][0]["pskd"] == "J01NME"


def test_a_world_runs_on_one_clock() -> None:
    first, second = ManualClock(), ManualClock()
    world = World()
    VirtualNode(world, first, rng=random.Random(1))
    assert world.clock is first
    with pytest.raises(ValueError, match="another clock"):
        VirtualNode(world, second, rng=random.Random(2))


def test_devices_added_before_the_clock_start_when_it_is_bound() -> None:
    world = World()
    world.add_joiner_device(bytes.fromhex("18b4300000000101"), "J01NME")
    assert world.snapshot()["joiners"][0]["status"] == "waiting"
    clock = ManualClock()
    Console(VirtualNode(world, clock, rng=random.Random(1)))
    clock.advance(0)
    assert world.snapshot()["joiners"][0]["status"] == "trying"


def test_a_leader_going_away_detaches_its_children(make_node: MakeNode, clock: ManualClock) -> None:
    leader, child = make_node(), make_node()
    form_network(leader, clock)
    attach_child(child, clock)
    assert child.ok("state") == ["child"]
    assert len(leader.ok("child table")) == 3
    leader.ok("thread stop")
    assert child.ok("state") == ["detached"]
    # With no partition left it forms its own, as a node that was attached before.
    clock.advance(T.reattach_leader_delay)
    assert child.ok("state") == ["leader"]


def test_a_child_becomes_a_router(make_node: MakeNode, clock: ManualClock) -> None:
    leader, child = make_node(), make_node()
    form_network(leader, clock)
    for line in (
        "dataset networkkey 00112233445566778899aabbccddeeff",
        "dataset channel 15",
        "dataset panid 0x1234",
        "dataset commit active",
        "ifconfig up",
        "thread start",
    ):
        child.ok(line)
    clock.advance(T.child_attach_delay + T.router_upgrade_delay)
    assert child.ok("state") == ["router"]
    rows = leader.ok("router table")[2:]
    assert len(rows) == 2
    assert any(child.node.extaddr.hex() in row and row.endswith("|    1 |") for row in rows)
    assert leader.ok("neighbor table")[2].startswith("|   R  |")
