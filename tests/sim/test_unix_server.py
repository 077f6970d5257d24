"""`python -m s20.sim --unix PATH`: a simulated otbr-agent CLI socket, driven by s20.otcli."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import stat
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from s20.clock import SystemClock
from s20.otcli import OtCli, OtCliConnectionError, UnixTransport
from s20.thread import joiner_id
from tests.otcli.transcripts import otbr_socket

from .unix_server import SimServer, ask, running_sim, short_dir, spawn_sim

pytestmark = pytest.mark.e2e

EUI64 = "18b4300000000001"  # the agent's radio in 11_otbr_agent_otctl.txt:96
ARGS = ("--speed", "50", "--eui64", EUI64, "--seed", "1")
BULB = "18b4300000000101"
# One joiner device, so that no other device's lines come between the bulb's.
SCENARIO = f"""
[[joiners]]
eui64 = "{BULB}"
pskd = "J01NME"
start = 0.0
retry_interval = 5.0
"""
WAIT = 20.0


@pytest.fixture
def sock_dir() -> Iterator[Path]:
    with short_dir() as path:
        yield path


@pytest.fixture
def server(sock_dir: Path) -> Iterator[SimServer]:
    scenario = sock_dir / "scenario.toml"
    scenario.write_text(SCENARIO)
    with running_sim(sock_dir / "wpan0.sock", *ARGS, "--scenario", str(scenario)) as served:
        yield served


@pytest.fixture
async def cli(server: SimServer) -> AsyncIterator[OtCli]:
    client = OtCli(UnixTransport(server.path), SystemClock())
    await client.start()
    yield client
    await client.close()


async def until_state(cli: OtCli, role: str) -> None:
    """Poll `state` as a border router agent does (the node runs 50x fast)."""
    async with asyncio.timeout(WAIT):
        while await cli.command("state") != [role]:  # noqa: ASYNC110 - another process
            await asyncio.sleep(0.02)


def test_the_socket_is_an_otbr_agents_unless_told_otherwise(
    server: SimServer, sock_dir: Path
) -> None:
    # 11_otbr_agent_otctl.txt:89-91, :152-155 (`br state` reads `stopped` until attached).
    rcp = b"OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:47:39\r\nDone\r\n> "
    assert ask(server.path, b"rcp version\n") == rcp
    assert ask(server.path, b"br state\n") == b"stopped\r\nDone\r\n> "
    with running_sim(sock_dir / "cli.sock", *ARGS, "--no-border-router") as bare:
        assert ask(bare.path, b"rcp version\n") == b"Error 12: NotImplemented\r\n> "
        assert ask(bare.path, b"br state\n") == b"Error 35: InvalidCommand\r\n> "


def test_raw_bytes_have_no_echo(server: SimServer) -> None:
    recorded = {sent: (lineno, received) for lineno, sent, received in otbr_socket()}
    # 11_otbr_agent_otctl.txt:427-467 (C.3), each line in a fresh session as recorded.
    for sent in (b"eui64\n", b"txpower\n", b"nonexistentcmd\n", b"commissioner state\n", b"\n"):
        lineno, expected = recorded[sent]
        assert ask(server.path, sent) == expected, f"11_otbr_agent_otctl.txt:{lineno}"
    # C.0 (:12-14), seen through the raw socket: no echo, `Done` then the prompt.
    assert ask(server.path, b"state\n") == b"disabled\r\nDone\r\n> "
    assert ask(server.path, b"dataset init new\n") == b"Done\r\n> "


async def test_otcli_drives_a_join_with_async_lines(cli: OtCli) -> None:
    # 11_otbr_agent_otctl.txt:12-47 (C.0).
    assert await cli.command("state") == ["disabled"]
    for line in (
        "dataset init new",
        "dataset channel 15",
        "dataset networkname HA-Test",
        "dataset commit active",
        "ifconfig up",
        "thread start",
    ):
        assert await cli.command(line) == []
    await until_state(cli, "leader")
    assert await cli.command("networkname") == ["HA-Test"]
    # 11_otbr_agent_otctl.txt:448 (netdata show): the same sections, in order.
    netdata = await cli.command("netdata show")
    assert [line for line in netdata if line.endswith(":")] == [
        "Prefixes:",
        "Routes:",
        "Services:",
        "Contexts:",
        "Commissioning:",
    ]

    # 11_otbr_agent_otctl.txt:640-669 (C.5): the commissioner's lines reach the session,
    # `Commissioner: active` after the prompt, the joiner's steps while it joins.
    events = cli.events()
    assert await cli.command("commissioner start") == []
    assert await cli.command("commissioner joiner add * J01NME 120") == []
    bulb = joiner_id(bytes.fromhex(BULB)).hex()
    expected = [
        "Commissioner: petitioning",
        "Commissioner: active",
        f"Commissioner: Joiner start {bulb}",
        f"Commissioner: Joiner connect {bulb}",
        f"Commissioner: Joiner finalize {bulb}",
        f"Commissioner: Joiner end {bulb}",
    ]
    async with asyncio.timeout(WAIT):
        seen = [await anext(events) for _ in expected]
    await events.aclose()
    assert seen == expected
    assert await cli.command("commissioner state") == ["active"]


async def test_a_second_client_takes_over_and_the_node_keeps_its_state(
    server: SimServer,
) -> None:
    # This one must not win the session back while the test looks at it.
    first = OtCli(
        UnixTransport(server.path), SystemClock(), reconnect_delay=60, max_reconnect_delay=60
    )
    await first.start()
    assert await first.command("networkname", "Take Over") == []
    second = OtCli(UnixTransport(server.path), SystemClock())
    await second.start()
    # 10_otctl_daemon.txt:324: the daemon closes the older session.
    assert await second.command("networkname") == ["Take Over"]
    async with asyncio.timeout(WAIT):
        while first.connected:  # noqa: ASYNC110 - the close comes from another process
            await asyncio.sleep(0.01)
    with pytest.raises(OtCliConnectionError):
        await first.command("networkname")
    await first.close()
    await second.close()
    # The node outlives its sessions, as the agent's radio does.
    assert ask(server.path, b"networkname\n") == b"Take Over\r\nDone\r\n> "


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_cleanly(sock_dir: Path, signum: int) -> None:
    path = sock_dir / "wpan0.sock"
    server = spawn_sim(path, *ARGS)
    try:
        assert server.ready.wait(WAIT), server.output
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as session:
            session.settimeout(WAIT)
            session.connect(str(path))
            assert server.stop(signum) == 0
            assert session.recv(4096) == b""  # the session ends with the server
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()
    # The socket file and its lock file are gone.
    assert os.listdir(sock_dir) == []
    assert "Traceback" not in "".join(server.output)


def test_refuses_a_path_in_use(server: SimServer, sock_dir: Path) -> None:
    code, output = spawn_sim(server.path, *ARGS).finish()
    assert code == 2
    assert f"another server holds {sock_dir}/wpan0.lock" in output
    # The running server kept its socket.
    assert ask(server.path, b"eui64\n") == f"{EUI64}\r\nDone\r\n> ".encode()

    (sock_dir / "notes").write_text("keep me")
    code, output = spawn_sim(sock_dir / "notes").finish()
    assert code == 2
    assert "exists and is not a socket" in output
    assert (sock_dir / "notes").read_text() == "keep me"
