"""The real s20d on `--radio unix:PATH`, against a simulated otbr-agent socket.

On a real border router otbr-agent owns the radio and s20d is one client of its CLI
socket: the Thread network, the commissioner and the joiners it admitted must outlive
a restart of s20d. The agent here is `python -m s20.sim --unix PATH` (a child process,
its node 20x fast); s20d is restarted, the agent is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from s20.client import S20Client
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d
from tests.e2e.test_thread import DEVICE_EUI, SCENARIO, SPEED, joiners, wait_for
from tests.sim.unix_server import ask, running_sim, short_dir

pytestmark = pytest.mark.e2e

AGENT_EUI = "18b4300000000001"
PARTITION = re.compile(rb"Partition ID: (\d+)\r\n")


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[Path]:
    """Serve the scenario of test_thread.py on a unix socket; yield the socket path."""
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(SCENARIO)
    args = ("--scenario", str(scenario), "--speed", str(SPEED), "--eui64", AGENT_EUI)
    with short_dir() as sock_dir, running_sim(sock_dir / "wpan0.sock", *args) as server:
        yield server.path


def partition_id(path: Path) -> int:
    """Ask the agent directly (only while s20d is away: a client takes the session)."""
    found = PARTITION.search(ask(path, b"leaderdata\n"))
    assert found is not None
    return int(found.group(1))


def test_radio_state_outlives_s20d(agent: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    radio = ("--radio", f"unix:{agent}")
    with running_s20d(state, *radio) as url, S20Client(url) as s20:
        s20.set_init(PASSWORD)
        s20.login(PASSWORD)
        assert s20.thread_status()["RCP"]["EUI64"] == AGENT_EUI
        s20.thread_start()
        wait_for("leader", lambda: s20.thread_status()["RCP"]["State"] == 4)

        s20.thread_set_config(
            Passphrase="12SECRETPASSWORD34",
            NetworkName="Test Network",
            ExtPanId="0001020304050607",
        )
        assert s20.thread_status()["Network"]["PSKc"] == "c3f59368445a1b6106be420a706d4cc9"
        wait_for("leader again", lambda: s20.thread_status()["RCP"]["State"] == 4)

        s20.set_commissioning(True)
        wait_for("commissioner", lambda: s20.commissioning_status()["State"] == 1)
        s20.add_joiner("J01NME", DEVICE_EUI)
        wait_for("the device to join", lambda: joiners(s20)[DEVICE_EUI]["Status"] == 2)
        # Border routing publishes the OMR prefix, then the SRP service (its ALOC ends in
        # fc10): wait until the agent has settled, as its status only grows until then.
        wait_for(
            "border routing",
            lambda: (
                (status := s20.thread_status())["Network"]["OnMeshPrefix"] != ""
                and any(a.endswith(":fc10") for a in status["Network"]["IPv6"])
            ),
        )
        before = s20.thread_status()
        table = joiners(s20)

    # s20d is gone; the agent still leads the network, its commissioner still active.
    partition = partition_id(agent)
    assert ask(agent, b"commissioner state\n") == b"active\r\nDone\r\n> "
    assert ask(agent, b"networkname\n") == b"Test Network\r\nDone\r\n> "

    with running_s20d(state, *radio) as url, S20Client(url) as s20:
        s20.login(PASSWORD)
        after = s20.thread_status()
        assert after["RCP"]["State"] == 4
        assert after["Network"] == before["Network"]
        assert after["Network"]["PSKc"] == "c3f59368445a1b6106be420a706d4cc9"
        assert after["RCP"] == before["RCP"]
        assert s20.commissioning_status()["State"] == 1
        assert joiners(s20) == table
        assert table[DEVICE_EUI]["Status"] == 2

    # The second s20d adopted the running network: the agent never formed a new one.
    assert partition_id(agent) == partition
    assert ask(agent, b"commissioner state\n") == b"active\r\nDone\r\n> "
