"""`s20ctl` against the real s20d, as an S20 owner would use it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from s20.client import S20Client
from s20.client.cli import cli
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    with running_s20d(tmp_path / "state", "--sim-speed", "20") as base:
        with S20Client(base) as client:
            client.set_init(PASSWORD)
        yield base


def ctl(url: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--url", url, "--password", PASSWORD, *args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def test_thread_commissioner_and_joiners(url: str, tmp_path: Path) -> None:
    ctl(url, "thread", "set", "--name", "Home", "--channel", "15", "--panid", "0x1234")
    assert ctl(url, "thread", "start").output == "thread started\n"
    deadline = time.monotonic() + 20
    while "leader" not in ctl(url, "thread", "status").output:
        assert time.monotonic() < deadline, "never became leader"
        time.sleep(0.1)
    status = ctl(url, "thread", "status").output
    assert "Home" in status
    assert "0x1234" in status
    assert json.loads(ctl(url, "thread", "status", "--json").output)["Network"]["Channel"] == 15
    ctl(url, "thread", "txpower", "-5")
    assert "-5 dBm" in ctl(url, "thread", "status").output

    ctl(url, "commissioner", "on")
    ctl(url, "joiner", "add", "18b4300000000d01", "J01NME", "--timeout", "300")
    ctl(url, "joiner", "add", "*", "J02NME")
    table = ctl(url, "joiner", "list").output
    assert "18b4300000000d01" in table
    assert "ready" in table
    exported = tmp_path / "joiners.json"
    ctl(url, "joiner", "export", str(exported))
    ctl(url, "joiner", "remove", "18b4300000000d01", "*")
    assert json.loads(ctl(url, "joiner", "list", "--json").output) == []
    ctl(url, "joiner", "import", str(exported), "--timeout", "60")
    devices = json.loads(ctl(url, "joiner", "list", "--json").output)
    assert [(d["EUI64"], d["PSKd"], d["Timeout"]) for d in devices] == [
        ("18b4300000000d01", "J01NME", 60),
        ("*", "J02NME", 60),
    ]
    ctl(url, "joiner", "rejoin", "all", "--timeout", "90")
    assert {d["Timeout"] for d in json.loads(ctl(url, "joiner", "list", "--json").output)} == {90}
    ctl(url, "commissioner", "off")

    scan = ctl(url, "thread", "scan").output
    assert "Office-Mesh" in scan  # from the built-in simulated world


def test_refusals_are_reported(url: str) -> None:
    result = CliRunner().invoke(
        cli, ["--url", url, "--password", PASSWORD, "thread", "txpower", "99"]
    )
    assert result.exit_code != 0
    assert getattr(result.exception, "code", None) == -32602
    usage = CliRunner().invoke(cli, ["--url", url, "--password", PASSWORD, "thread", "set"])
    assert usage.exit_code == 2
    assert "at least one setting" in usage.output
