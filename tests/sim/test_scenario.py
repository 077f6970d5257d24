"""Scenario files: TOML and JSON, the built-in default, and errors that name the key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from s20.clock import ManualClock
from s20.sim import ScenarioError, World, load_scenario, parse_scenario
from s20.sim._scenario import DEFAULT_LQI, DEFAULT_RETRY_INTERVAL, DEFAULT_RSSI

TOML = """
noise_floor = -95
seed = 42

[[networks]]
network_name = "Neighbour"
ext_pan_id = "1111111122222222"
pan_id = 0xbeef
channel = 20
rssi = -50
lqi = 180
extaddr = "a6a270c5aa3f6cff"

[[networks]]
network_name = "Commissioned"
ext_pan_id = "dead00beef00cafe"
pan_id = "0x1234"
channel = 15
pskd = "J01NME"

[[joiners]]
eui64 = "18b4300000000101"
pskd = "J01NME"
start = 2.5
retry_interval = 30
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_toml_scenario(tmp_path: Path) -> None:
    scenario = load_scenario(_write(tmp_path, "world.toml", TOML))
    assert scenario.noise_floor == -95
    assert scenario.seed == 42
    first, second = scenario.networks
    assert (first.network_name, first.pan_id, first.channel) == ("Neighbour", 0xBEEF, 20)
    assert (first.rssi, first.lqi, first.extaddr) == (-50, 180, bytes.fromhex("a6a270c5aa3f6cff"))
    assert (second.pan_id, second.pskd, second.rssi, second.lqi) == (
        0x1234,
        "J01NME",
        DEFAULT_RSSI,
        DEFAULT_LQI,
    )
    (joiner,) = scenario.joiners
    assert (joiner.eui64.hex(), joiner.pskd, joiner.start, joiner.retry_interval) == (
        "18b4300000000101",
        "J01NME",
        2.5,
        30.0,
    )


def test_json_scenario_equals_the_toml_one(tmp_path: Path) -> None:
    data: dict[str, Any] = {
        "noise_floor": -95,
        "seed": 42,
        "networks": [
            {
                "network_name": "Neighbour",
                "ext_pan_id": "1111111122222222",
                "pan_id": 0xBEEF,
                "channel": 20,
                "rssi": -50,
                "lqi": 180,
                "extaddr": "a6a270c5aa3f6cff",
            },
            {
                "network_name": "Commissioned",
                "ext_pan_id": "dead00beef00cafe",
                "pan_id": "0x1234",
                "channel": 15,
                "pskd": "J01NME",
            },
        ],
        "joiners": [
            {"eui64": "18b4300000000101", "pskd": "J01NME", "start": 2.5, "retry_interval": 30}
        ],
    }
    from_json = load_scenario(_write(tmp_path, "world.json", json.dumps(data)))
    assert from_json == load_scenario(_write(tmp_path, "world.toml", TOML))


def test_the_world_of_a_scenario_is_heard(tmp_path: Path) -> None:
    world = World.load(_write(tmp_path, "world.toml", TOML), clock=ManualClock())
    (beacon,) = world.beacons(20)
    assert beacon.scan_row() == "| beef | a6a270c5aa3f6cff | 20 | -50 | 180 |"
    assert world.beacons(11) == []
    assert world.energy(20) == -50
    assert world.energy(11) == -95
    # A seed makes the made-up parts (keys, addresses) repeatable.
    again = World.load(_write(tmp_path, "world.toml", TOML), clock=ManualClock())
    assert again.snapshot() == world.snapshot()


def test_defaults_of_a_minimal_scenario() -> None:
    scenario = parse_scenario({"joiners": [{"eui64": "18B4300000000101", "pskd": "J01NME"}]})
    assert scenario.networks == ()
    assert scenario.joiners[0].start == 0.0
    assert scenario.joiners[0].retry_interval == DEFAULT_RETRY_INTERVAL


def test_the_built_in_default_scenario() -> None:
    world = World.default(clock=ManualClock())
    snapshot = world.snapshot()
    assert [n["network_name"] for n in snapshot["networks"]] == ["Neighbour-Home", "Office-Mesh"]
    assert snapshot["networks"][1]["pskd"] == "0FF1CE"
    assert [j["status"] for j in snapshot["joiners"]] == ["waiting", "waiting"]
    # It is fixed: two runs make the same world.
    assert World.default(clock=ManualClock()).snapshot() == snapshot


def test_a_snapshot_loads_back_as_the_same_scenario(clock: ManualClock) -> None:
    world = World.default(clock=clock)
    again = World.from_mapping(json.loads(json.dumps(world.snapshot())), clock=ManualClock())
    assert again.snapshot()["networks"] == world.snapshot()["networks"]
    assert [j["eui64"] for j in again.snapshot()["joiners"]] == [
        "18b4300000000101",
        "18b4300000000102",
    ]


@pytest.mark.parametrize(
    ("data", "key", "reason"),
    [
        ([], "", "must be a table"),
        ({"network": []}, "network", "unknown key"),
        ({"networks": {}}, "networks", "must be a list"),
        ({"networks": [{"network_name": "x"}]}, "networks[0].channel", "missing"),
        (
            {"networks": [{"network_name": "x", "ext_pan_id": "00", "pan_id": 1, "channel": 11}]},
            "networks[0].ext_pan_id",
            "16 hex digits",
        ),
        (
            {
                "networks": [
                    {"network_name": "x", "ext_pan_id": "0" * 16, "pan_id": 1, "channel": 11},
                    {"network_name": "y", "ext_pan_id": "1" * 16, "pan_id": 2, "channel": 27},
                ]
            },
            "networks[1].channel",
            "from 11 to 26",
        ),
        (
            {
                "networks": [
                    {"network_name": "x", "ext_pan_id": "0" * 16, "pan_id": "zz", "channel": 11}
                ]
            },
            "networks[0].pan_id",
            '"0x" hex string',
        ),
        (
            {
                "networks": [
                    {
                        "network_name": "x",
                        "ext_pan_id": "0" * 16,
                        "pan_id": 1,
                        "channel": 11,
                        "rssi": 5,
                    }
                ]
            },
            "networks[0].rssi",
            "from -127 to 0",
        ),
        (
            {
                "networks": [
                    {
                        "network_name": "x",
                        "ext_pan_id": "0" * 16,
                        "pan_id": 1,
                        "channel": 11,
                        "dataset": "0e08",
                    }
                ]
            },
            "networks[0].dataset",
            "length 8",
        ),
        (
            {
                "networks": [
                    {
                        "network_name": "x",
                        "ext_pan_id": "0" * 16,
                        "pan_id": 1,
                        "channel": 11,
                        "dataset": "000300000f051000112233445566778899aabbccddeeff",
                    }
                ]
            },
            "networks[0].dataset",
            "channel 15 differs from 11",
        ),
        (
            {"joiners": [{"eui64": "18b4300000000101", "pskd": "J01NMEO"}]},
            "joiners[0].pskd",
            "except I, O",
        ),
        (
            {"joiners": [{"eui64": "18b4300000000101", "pskd": "J01NME", "retry_interval": 0}]},
            "joiners[0].retry_interval",
            "above 0",
        ),
        (
            {
                "joiners": [
                    {"eui64": "18b4300000000101", "pskd": "J01NME"},
                    {"eui64": "18B4300000000101", "pskd": "J02NME"},
                ]
            },
            "joiners[1].eui64",
            "appears twice",
        ),
        ({"noise_floor": True}, "noise_floor", "integer"),
    ],
)
def test_errors_name_the_key(data: object, key: str, reason: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, source="world.toml")
    assert caught.value.key == key
    assert reason in caught.value.reason
    assert str(caught.value).startswith("world.toml: ")


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"must end in \.toml or \.json"):
        load_scenario(_write(tmp_path, "world.yaml", ""))
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_scenario(_write(tmp_path, "bad.toml", "networks = ["))
    with pytest.raises(ScenarioError, match="not valid JSON"):
        load_scenario(_write(tmp_path, "bad.json", "{"))
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "missing.toml")
    with pytest.raises(ScenarioError) as caught:
        World.load(_write(tmp_path, "bad.toml", "[[joiners]]\neui64 = 'x'\npskd = 'J01NME'\n"))
    assert caught.value.key == "joiners[0].eui64"
