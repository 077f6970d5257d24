"""The real s20d with the real client."""

from __future__ import annotations

import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from s20.client import S20Client
from s20.errors import AccessDenied, TokenError
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e


def test_init_login_restart_login(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with running_s20d(state) as url, S20Client(url) as client:
        info = client.check_initialized()
        assert info["initialized"] is False
        mac = info["mac"]
        client.set_init(PASSWORD)
        client.login(PASSWORD)
        assert client.restart() == {}
    assert stat.S_IMODE((state / "s20.sqlite3").stat().st_mode) == 0o600
    with running_s20d(state) as url, S20Client(url) as client:
        info = client.check_initialized()
        assert info["initialized"] is True
        assert info["mac"] == mac
        with pytest.raises(AccessDenied):
            client.login("wrong-password")
        client.login(PASSWORD)
        assert client.call("POST", "/sys/restart") == {}


def test_s20ctl_against_s20d(tmp_path: Path) -> None:
    with running_s20d(tmp_path / "state") as url:

        def ctl(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "from s20.client.cli import main; main()",
                    "--url",
                    url,
                    "--password",
                    PASSWORD,
                    *args,
                ],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )

        assert ctl("init").stdout.strip() == "initialized"
        info = ctl("info", "--json")
        assert info.returncode == 0
        assert '"initialized": true' in info.stdout
        bad = ctl("call", "POST", "/ui/set_init", '{"lang": "en", "password": "x"}')
        assert bad.returncode == 1
        assert "error -32602" in bad.stderr
        assert ctl("call", "POST", "/sys/restart").returncode == 0
        with S20Client(url) as client, pytest.raises(TokenError):
            client.restart()


def test_answered_changes_survive_a_crash(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with running_s20d(state, kill=True) as url, S20Client(url) as client:
        client.set_init(PASSWORD)
        client.login(PASSWORD)
        client.thread_set_txpower(-7)
        client.thread_set_config(NetworkName="Crash Test", Passphrase="survives-it")
        client.add_joiner("J01NME", "18b4300000000c01", timeout=77)
        expected = client.thread_status()["Network"]
        # SIGKILL right after the last answer: no shutdown, no checkpoint.
    with running_s20d(state) as url, S20Client(url) as client:
        client.login(PASSWORD)
        status = client.thread_status()
        assert status["RCP"]["TXPower"] == -7
        for key in ("NetworkName", "Passphrase", "PSKc", "NetworkKey", "ActiveDataset"):
            assert status["Network"][key] == expected[key]
        [entry] = client.joiner_list()["DeviceList"]
        assert (entry["EUI64"], entry["PSKd"], entry["Timeout"]) == (
            "18b4300000000c01",
            "J01NME",
            77,
        )


@pytest.mark.parametrize("radio", ["unix:/nonexistent/s20-test.sock", "exec:/bin/false"])
def test_unreachable_radio_is_one_clear_error(tmp_path: Path, radio: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "s20.daemon",
            "--port",
            "0",
            "--state-dir",
            str(tmp_path),
            "--radio",
            radio,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert f"Error: cannot start the Thread radio ({radio})" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def _start_failure(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "s20.daemon", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_state_dir_that_cannot_be_used_is_one_clear_error(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n")
    line = _one_error_line(_start_failure("--port", "0", "--state-dir", str(a_file)))
    assert line == f"Error: cannot use state folder {a_file}: it is a file"
    below = a_file / "state"
    line = _one_error_line(_start_failure("--port", "0", "--state-dir", str(below)))
    assert line == f"Error: cannot use state folder {below}: Not a directory"


def test_taken_port_is_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _start_failure("--port", str(port), "--state-dir", str(tmp_path))
    line = _one_error_line(done)
    assert line == f"Error: cannot listen on 127.0.0.1 port {port}: Address already in use"
