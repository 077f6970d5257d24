"""`s20ctl` as a subprocess against real s20ds: profiles, many devices, exit statuses."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.shell_completion import BashComplete
from click.testing import CliRunner, Result

from s20.client import S20Client
from s20.client.cli import cli
from s20.errors import AccessDenied
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e

S20CTL = str(Path(sys.executable).with_name("s20ctl"))


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


class Ctl:
    """Run `s20ctl` with its own config folder and no S20_* from the caller's shell."""

    def __init__(self, home: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("S20_")}
        self.env["XDG_CONFIG_HOME"] = str(home)
        self.config = home / "s20ctl" / "config.toml"

    def __call__(
        self, *args: str, stdin: str = "", code: int = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        if env is not None:  # completion: the words are in COMP_WORDS, not the arguments
            env = {**self.env, **env, "COMP_WORDS": shlex.join(["s20ctl", *args])}
            args = ()
        done = subprocess.run(
            [S20CTL, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env=env or self.env,
            check=False,
        )
        assert done.returncode == code, (args, done.returncode, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def fast(self, *args: str, stdin: str = "", code: int = 0) -> Result:
        """Run the same command in this process (for what needs no separate process)."""
        env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("S20_")}
        env["XDG_CONFIG_HOME"] = self.env["XDG_CONFIG_HOME"]
        result = CliRunner().invoke(cli, list(args), input=stdin, env=env)
        assert result.exit_code == code, (args, result.output, result.exception)
        return result


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[str, str]]:
    with ExitStack() as stack:
        urls = []
        for name in ("kitchen", "office"):
            url = stack.enter_context(running_s20d(tmp_path / name))
            with S20Client(url) as client:
                client.set_init(PASSWORD)
            urls.append(url)
        yield urls[0], urls[1]


def api_status(url: str) -> dict[str, object]:
    with S20Client(url, password=PASSWORD) as client:
        return {"info": client.get_info(), "thread": client.thread_status()}


def test_profiles_and_status_of_three_devices(
    two: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kitchen, office = two
    ctl = Ctl(tmp_path / "config")
    secret = tmp_path / "kitchen.pw"
    secret.write_text(PASSWORD + "\n")
    command = f"{sys.executable} -c 'import sys; print(open(sys.argv[1]).read().strip())' {secret}"
    ctl("devices", "add", "kitchen", kitchen, "--password-command", command)
    ctl("devices", "add", "office", office, "--ask-password", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    with running_s20d(tmp_path / "garage") as garage:
        pass  # a device that was there, and is stopped now
    ctl.fast(
        "devices", "add", "garage", garage, "--ask-password", stdin=f"{PASSWORD}\n{PASSWORD}\n"
    )
    ctl.fast(
        "devices", "add", "attic", kitchen, "--password-command", f"{sys.executable} -c 'exit(3)'"
    )
    assert stat.S_IMODE(ctl.config.stat().st_mode) == 0o600
    listed = ctl.fast("devices", "list").stdout
    assert "command:" in listed
    assert PASSWORD not in listed

    shown = ctl("--all", "status", code=5)
    rows = {line.split()[1]: line for line in shown.stdout.splitlines() if line[2:3].isalpha()}
    assert "│ ok " in rows["kitchen"]
    assert "│ ok " in rows["office"]
    assert "│ unreachable " in rows["garage"]
    assert "│ bad profile " in rows["attic"]
    assert shown.stderr.splitlines()[0] == (
        "attic: password_command of device attic failed with exit status 3: no message"
    )
    assert shown.stderr.splitlines()[1].startswith(f"garage: unreachable: cannot reach {garage}")

    answers = json.loads(ctl("--all", "status", "--json", code=5).stdout)
    assert answers["kitchen"] == api_status(kitchen)
    assert answers["office"] == api_status(office)
    assert answers["garage"]["error"]["status"] == 5
    assert "cannot reach" in answers["garage"]["error"]["err_msg"]
    assert answers["attic"]["error"]["status"] == 2

    both = json.loads(
        ctl.fast("--device", "kitchen", "--device", "office", "info", "--json").stdout
    )
    assert both["office"]["initialized"] is True
    # A flag beats the profile: the right URL with the kitchen's password command.
    one = ctl.fast(
        "--device", "garage", "--url", kitchen, "--password", PASSWORD, "status", "--json"
    )
    assert json.loads(one.stdout) == {"garage": api_status(kitchen)}
    usage = ctl.fast("--all", "--url", kitchen, "status", code=2)
    assert "--url names one device" in usage.stderr
    assert "runs on one device" in ctl.fast("--all", "thread", "status", code=2).stderr

    # Completion: device names from the profiles, EUI-64s from the office's joiner table.
    for url in (office, kitchen):
        with S20Client(url, password=PASSWORD) as client:
            client.add_joiner("J01NME", "18b4300000000d01")
            client.add_joiner("J02NME", "18b4300000000d02")
    words = ctl("--device", "", env={"_S20CTL_COMPLETE": "bash_complete", "COMP_CWORD": "2"})
    assert words.stdout.split() == ["plain,attic", "plain,garage", "plain,kitchen", "plain,office"]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    complete = BashComplete(cli, {}, "s20ctl", "_S20CTL_COMPLETE")
    joiners = ["--device", "office", "joiner", "remove", "18b4300000000d01"]
    assert [c.value for c in complete.get_completions(joiners, "18b4")] == ["18b4300000000d02"]
    for quiet in ("garage", "kitchen"):  # unreachable; a password only its command knows
        assert complete.get_completions(["--device", quiet, "joiner", "remove"], "") == []
    for shell in ("bash", "zsh", "fish"):
        assert "_S20CTL_COMPLETE" in ctl.fast("completion", shell).stdout

    ctl.fast("devices", "remove", "garage", "attic")
    assert "garage" not in ctl.fast("devices", "list").stdout
    ctl.config.chmod(0o644)
    refused = ctl("--device", "kitchen", "status", code=2)
    assert "chmod 600" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_failures_are_one_line_with_their_exit_status(tmp_path: Path) -> None:
    ctl = Ctl(tmp_path / "config")
    gone = ctl("--url", closed_port_url(), "--password", PASSWORD, "thread", "status", code=5)
    assert gone.stderr.startswith("unreachable: cannot reach http://127.0.0.1:")
    assert len(gone.stderr.splitlines()) == 1
    with running_s20d(tmp_path / "state") as url, S20Client(url) as client:
        client.set_init(PASSWORD)
        wrong = ctl("--url", url, "--password", "not-the-password", "status", code=3)
        assert (
            wrong.stderr == "error -32000: wrong username or password, or the challenge expired\n"
        )
        for _ in range(4):
            with pytest.raises(AccessDenied):
                client.login("not-the-password")
        locked = ctl("--url", url, "--password", PASSWORD, "thread", "status", code=4)
        assert locked.stderr.startswith("locked out: error -32003: ")
        # The lockout counts real seconds here: a slow machine may show one or two fewer.
        assert re.search(r"try again in (29[89]|300) seconds", locked.stderr), locked.stderr
        assert ctl("--url", url, "info").stdout.count("ok") == 1  # no login: still served
