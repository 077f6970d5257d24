"""The Thread side end to end: the real s20d and the real client, real time.

The same test runs with the simulated node in process (`sim:`) and in a child process
speaking the CLI on stdio (`exec:`), proving nothing depends on the in-process shortcut.
The node's timers run 20x faster (`--sim-speed`, `--speed`); the device's own timers
(joiner timeouts) run on real time, so the timeout used here is 1 s.
"""

from __future__ import annotations

import shlex
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from s20.client import S20Client
from s20.client.results import Joiner
from s20.thread import Dataset
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e

SPEED = 20
DEVICE_EUI = "18b4300000000a01"
SCENARIO = f"""
[[networks]]
network_name = "Neighbour"
ext_pan_id = "dead00beef00cafe"
pan_id = 0x1234
channel = 15
rssi = -50
lqi = 200
pskd = "NE1GHB0R"

[[joiners]]
eui64 = "{DEVICE_EUI}"
pskd = "J01NME"
start = 0.0
retry_interval = 5.0

[[joiners]]
eui64 = "18b4300000000a02"
pskd = "BADPSK1"
start = 0.0
retry_interval = 5.0
"""


def wait_for(what: str, probe: Callable[[], Any], timeout: float = 20.0) -> Any:
    """Poll `probe` until it returns something truthy (real time: the daemon is real)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(params=["sim", "exec"])
def radio_args(request: pytest.FixtureRequest, tmp_path: Path) -> list[str]:
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(SCENARIO)
    if request.param == "sim":
        return ["--radio", f"sim:{scenario}", "--sim-speed", str(SPEED)]
    node = [sys.executable, "-m", "s20.sim", "--scenario", str(scenario), "--speed", str(SPEED)]
    return ["--radio", "exec:" + shlex.join(node)]


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def s20(state: Path, radio_args: list[str]) -> Iterator[S20Client]:
    with running_s20d(state, *radio_args) as url, S20Client(url) as client:
        client.set_init(PASSWORD)
        client.login(PASSWORD)
        yield client


def joiners(s20: S20Client) -> dict[str, Joiner]:
    return {e["EUI64"]: e for e in s20.joiner_list()["DeviceList"]}


def test_border_router_end_to_end(s20: S20Client, state: Path, radio_args: list[str]) -> None:
    s20.thread_start()
    wait_for("leader", lambda: s20.thread_status()["RCP"]["State"] == 4)

    s20.thread_set_config(
        Passphrase="12SECRETPASSWORD34",
        NetworkName="Test Network",
        ExtPanId="0001020304050607",
    )
    net = s20.thread_status()["Network"]
    assert net["PSKc"] == "c3f59368445a1b6106be420a706d4cc9"  # transcript 03
    dataset = Dataset.from_tlvs(net["ActiveDataset"])
    assert dataset.network_name == net["NetworkName"] == "Test Network"
    assert dataset.ext_pan_id is not None
    assert dataset.ext_pan_id.hex() == net["ExtPanId"]
    assert f"0x{dataset.pan_id:04x}" == net["PanId"]
    assert dataset.channel == net["Channel"]
    assert dataset.network_key is not None
    assert dataset.network_key.hex() == net["NetworkKey"]
    assert str(dataset.mesh_local_prefix) == net["MeshLocalPrefix"]
    wait_for("leader again", lambda: s20.thread_status()["RCP"]["State"] == 4)

    s20.set_commissioning(True)
    wait_for("commissioner", lambda: s20.commissioning_status()["State"] == 1)
    assert s20.get_info()["thread_commissioner_status"] == 1
    s20.add_joiner("J01NME", DEVICE_EUI)
    s20.add_joiner("J02NME", "*")
    s20.add_joiner("J01NME", "18b4300000000a02")  # that device carries another PSKd
    s20.add_joiner("UNSEEN1", "18b4300000000a03", timeout=1)
    # Real time and a 20x node: on a loaded machine the join may finish before the first
    # poll, so only the end state is checked here (the ManualClock tests see 0, 1, 2).
    wait_for("the device to join", lambda: joiners(s20)[DEVICE_EUI]["Status"] == 2)
    table = joiners(s20)
    assert table[DEVICE_EUI]["JoinedTime"] >= table[DEVICE_EUI]["AddTime"] > 0
    wait_for("the timeout", lambda: joiners(s20)["18b4300000000a03"]["Status"] == 3)
    assert joiners(s20)["18b4300000000a02"]["Status"] != 2

    s20.rejoin_all(1, timeout=60)
    assert joiners(s20)["18b4300000000a03"]["Status"] == 0
    exported = s20.export_joiners()
    s20.remove_joiners([e["EUI64"] for e in exported["DeviceList"]])
    assert joiners(s20) == {}
    s20.import_joiners(exported)
    s20.commit_joiners(timeout=60)
    assert s20.export_joiners() == exported
    before = joiners(s20)

    s20.restart()
    wait_for("restart", lambda: s20.thread_status()["RCP"]["State"] >= 2)
    assert joiners(s20) == before


def test_join_by_pskd(s20: S20Client) -> None:
    s20.thread_join("pskdType", PSKd="NE1GHB0R")
    statuses: list[int] = []

    def done() -> bool:
        statuses.append(s20.thread_join_status()["status"])
        return statuses[-1] in (5, 6)

    wait_for("the join", done)
    assert statuses[-1] == 5, statuses
    wait_for(
        "the joined network",
        lambda: (
            s20.thread_status()["Network"]["NetworkName"] == "Neighbour"
            and s20.thread_status()["RCP"]["State"] >= 2
        ),
    )
    assert s20.thread_status()["Network"]["ExtPanId"] == "dead00beef00cafe"

    s20.thread_join("pskdType", PSKd="ABCDEF9")
    result = wait_for(
        "the failure",
        lambda: (r := s20.thread_join_status())["status"] == 6 and r,
    )
    assert result["fail_msg"] in ("Security", "NotFound")
