"""`CliSocketServer` in process: otbr-agent's socket framing, sessions and the socket file.

The node runs on the manual clock; only the socket I/O is real.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import socket
import stat
from collections.abc import AsyncIterator, Callable, Iterator
from ipaddress import IPv6Address
from pathlib import Path

import pytest

from s20.clock import ManualClock
from s20.sim import CliSocketServer, SocketPathError, VirtualNode, World
from s20.sim._cli import HELP
from tests.otcli.transcripts import otbr_socket

from .unix_server import short_dir

EUI64 = "18b4300000000001"  # the agent's radio in 11_otbr_agent_otctl.txt:96
READ_TIMEOUT = 5.0


async def eventually(condition: Callable[[], bool]) -> None:
    """Wait (really) for socket I/O to make `condition` true."""
    async with asyncio.timeout(READ_TIMEOUT):
        while not condition():  # noqa: ASYNC110 - the I/O happens outside our control
            await asyncio.sleep(0.002)


class Client:
    """A raw session on the socket, as a program using AF_UNIX directly sees it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, path: Path) -> Client:
        return cls(*await asyncio.open_unix_connection(path))

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def until(self, marker: bytes) -> bytes:
        """Return everything received up to and including `marker`."""
        async with asyncio.timeout(READ_TIMEOUT):
            return await self.reader.readuntil(marker)

    async def ask(self, line: str) -> bytes:
        """Send a line; return what came back up to its result's prompt."""
        await self.send(line.encode() + b"\n")
        return await self.until(b"> ")

    async def eof(self) -> bool:
        async with asyncio.timeout(READ_TIMEOUT):
            return await self.reader.read() == b""

    def close(self) -> None:
        self.writer.close()


@pytest.fixture
def sock_dir() -> Iterator[Path]:
    with short_dir() as path:
        yield path


@pytest.fixture
def node(world: World, clock: ManualClock) -> VirtualNode:
    return VirtualNode(world, clock, eui64=bytes.fromhex(EUI64), rng=random.Random(1))


@pytest.fixture
async def server(node: VirtualNode, sock_dir: Path) -> AsyncIterator[CliSocketServer]:
    async with CliSocketServer(node, sock_dir / "wpan0.sock") as served:
        yield served


@pytest.fixture
async def client(server: CliSocketServer) -> AsyncIterator[Client]:
    session = await Client.connect(Path(server.path))
    yield session
    session.close()


async def form_network(client: Client, clock: ManualClock) -> None:
    """11_otbr_agent_otctl.txt:12-47 (C.0), through the socket: no echo, no greeting."""
    assert await client.ask("state") == b"disabled\r\nDone\r\n> "
    assert await client.ask("dataset active") == b"Error 23: NotFound\r\n> "
    for line in (
        "dataset init new",
        "dataset channel 15",
        "dataset networkname HA-Test",
        "dataset commit active",
        "ifconfig up",
        "thread start",
    ):
        assert await client.ask(line) == b"Done\r\n> "
    assert await client.ask("state") == b"detached\r\nDone\r\n> "
    clock.advance(7.0)
    assert await client.ask("state") == b"leader\r\nDone\r\n> "


# 11_otbr_agent_otctl.txt:427-467 (C.3): these answers carry nothing specific to that
# network, so the simulated agent must send the very same bytes.
_SAME_BYTES = {b"state\n", b"eui64\n", b"txpower\n", b"nonexistentcmd\n", b"channel 99\n"}
_SAME_BYTES |= {b"commissioner state\n", b"\n"}


async def test_answers_with_the_agents_bytes(client: Client, clock: ManualClock) -> None:
    await form_network(client, clock)
    recorded = {sent: (lineno, received) for lineno, sent, received in otbr_socket()}
    assert recorded.keys() >= _SAME_BYTES
    for sent in _SAME_BYTES:
        lineno, expected = recorded[sent]
        await client.send(sent)
        assert await client.until(b"> ") == expected, f"11_otbr_agent_otctl.txt:{lineno}"


async def test_network_specific_answers_have_the_agents_shape(
    client: Client, clock: ManualClock
) -> None:
    await form_network(client, clock)
    recorded = {sent: received for _, sent, received in otbr_socket()}

    # :433 rloc16 and :436 extaddr: one hex value, Done, the prompt.
    for sent, digits in ((b"rloc16\n", 4), (b"extaddr\n", 16)):
        assert re.fullmatch(rb"[0-9a-f]{%d}\r\nDone\r\n> " % digits, recorded[sent])
        await client.send(sent)
        assert re.fullmatch(rb"[0-9a-f]{%d}\r\nDone\r\n> " % digits, await client.until(b"> "))

    # :448 netdata show: the same sections in the same order (this agent routes nothing
    # yet, so its sections are empty, as ot-daemon's are in 10_otctl_daemon.txt:192-197).
    def headings(reply: bytes) -> list[bytes]:
        return [line for line in reply.split(b"\r\n") if line.endswith(b":")]

    await client.send(b"netdata show\n")
    netdata = await client.until(b"> ")
    assert headings(netdata) == headings(recorded[b"netdata show\n"])
    assert re.search(rb"\r\nCommissioning:\r\n\d+ - - -\r\nDone\r\n> $", netdata)

    # :454 ipaddr: one IPv6 address a line; the mesh-local prefix comes from the dataset.
    await client.send(b"ipaddr\n")
    lines = (await client.until(b"> ")).split(b"\r\n")
    assert lines[-2:] == [b"Done", b"> "]
    addresses = [IPv6Address(line.decode()) for line in lines[:-2]]
    assert any(a.is_link_local for a in addresses)
    assert len(addresses) >= 4


async def test_async_line_follows_the_prompt(client: Client, clock: ManualClock) -> None:
    await form_network(client, clock)
    # 11_otbr_agent_otctl.txt:654-660 (C.5): petitioning in the reply, active after `> `.
    await client.send(b"commissioner start\n")
    received = await client.until(b"> ")
    clock.advance(0)
    received += await client.until(b"\r\n")
    assert received == b"Commissioner: petitioning\r\nDone\r\n> Commissioner: active\r\n"


async def test_output_while_nobody_is_connected_is_lost(
    server: CliSocketServer, client: Client, clock: ManualClock
) -> None:
    await form_network(client, clock)
    # 10_otctl_daemon.txt:251-255: a one-shot `commissioner start` disconnects after
    # Done and never sees `Commissioner: active`; nor does the next session.
    assert await client.ask("commissioner start") == b"Commissioner: petitioning\r\nDone\r\n> "
    client.close()
    await eventually(lambda: not server.connected)
    clock.advance(0)  # `Commissioner: active` is printed now, to nobody
    later = await Client.connect(Path(server.path))
    assert await later.ask("commissioner state") == b"active\r\nDone\r\n> "
    later.close()


async def test_a_new_connection_takes_the_session_over(
    server: CliSocketServer, client: Client, clock: ManualClock
) -> None:
    await form_network(client, clock)
    assert await client.ask("commissioner start") == b"Commissioner: petitioning\r\nDone\r\n> "
    newer = await Client.connect(Path(server.path))
    # 10_otctl_daemon.txt:324: the daemon keeps one session and closes the older one.
    assert await newer.ask("networkname") == b"HA-Test\r\nDone\r\n> "
    assert await client.eof()
    assert server.sessions == 2
    assert server.connected
    # The node's asynchronous output goes to whoever holds the session now.
    clock.advance(0)
    assert await newer.until(b"\r\n") == b"Commissioner: active\r\n"
    newer.close()


async def test_each_read_is_one_line(client: Client) -> None:
    # As ot-daemon's Process(): what one read() returns goes to the CLI as one line.
    assert await client.ask("state\r") == b"disabled\r\nDone\r\n> "
    # Two lines in one write are one line `state networkname`.
    await client.send(b"state\nnetworkname\n")
    assert await client.until(b"> ") == b"Error 7: InvalidArgs\r\n> "
    # A read takes at most 639 bytes: a longer line runs in pieces.
    assert await client.ask("x" * 638) == b"Error 35: InvalidCommand\r\n> "
    await client.send(b"x" * 700 + b"\n")
    assert await client.until(b"> ") == b"Error 35: InvalidCommand\r\n> "
    assert await client.until(b"> ") == b"Error 35: InvalidCommand\r\n> "
    assert await client.ask("eui64") == EUI64.encode() + b"\r\nDone\r\n> "


def test_input_line_runs_a_line_as_the_interpreter_does(
    node: VirtualNode, clock: ManualClock
) -> None:
    printed = bytearray()
    node.attach(printed.extend)
    printed.clear()  # the boot prompt
    node.input_line("ifconfig up\n")
    assert printed == b"Done\r\n> "
    # A line given while a command runs is ignored (`scan` runs 0.3 s on one channel).
    printed.clear()
    node.input_line("scan 15")
    node.input_line("state")
    clock.advance(1.0)
    assert printed == (
        b"| PAN  | MAC Address      | Ch | dBm | LQI |\r\n"
        b"+------+------------------+----+-----+-----+\r\nDone\r\n> "
    )
    # Interpreter::ProcessLine refuses 640 bytes or more before parsing them.
    printed.clear()
    node.input_line("x" * 639)
    node.input_line("x" * 640)
    assert printed == b"Error 35: InvalidCommand\r\n> Error 6: Parse\r\n> "


async def test_a_client_that_does_not_read_is_dropped(
    server: CliSocketServer, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("s20.sim._socket._MAX_UNSENT", 64 * 1024)
    reply = sum(len(name) + 2 for name in HELP) + len(b"Done\r\n> ")
    transport = client.writer.transport
    assert isinstance(transport, asyncio.Transport)
    transport.pause_reading()  # so the kernel's buffers fill up
    # Some 500 kB of `help`; each padded to a whole read, so that each runs alone.
    line = b"help".ljust(638) + b"\n"
    with contextlib.suppress(ConnectionError):  # dropped while still sending
        for _ in range(400):
            await client.send(line)
    await eventually(lambda: not server.connected)
    transport.resume_reading()
    received = 0
    # What the kernel holds may still arrive; then the session ends (a reset or a broken
    # pipe, for the lines the server never read).
    with contextlib.suppress(ConnectionError):
        async with asyncio.timeout(READ_TIMEOUT):
            while chunk := await client.reader.read(1 << 16):
                received += len(chunk)
    assert received < 400 * reply


# -- the socket file -------------------------------------------------------------------


async def test_socket_file_is_private_and_removed_at_close(
    node: VirtualNode, sock_dir: Path
) -> None:
    path = sock_dir / "wpan0.sock"
    server = CliSocketServer(node, path)
    await server.start()
    mode = path.stat().st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600
    # Guarded as ot-daemon guards /run/openthread-wpan0.sock.
    assert (sock_dir / "wpan0.lock").exists()
    session = await Client.connect(path)
    await server.close()
    assert await session.eof()
    session.close()
    assert os.listdir(sock_dir) == []


async def test_stale_socket_is_replaced(node: VirtualNode, sock_dir: Path) -> None:
    path = sock_dir / "ot.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stale:
        stale.bind(str(path))  # a server that died leaves this file behind
    async with CliSocketServer(node, path):
        session = await Client.connect(path)
        assert await session.ask("eui64") == EUI64.encode() + b"\r\nDone\r\n> "
        session.close()
    assert not path.exists()


async def test_refuses_a_path_it_must_not_take(
    node: VirtualNode, world: World, clock: ManualClock, sock_dir: Path
) -> None:
    other = VirtualNode(world, clock, rng=random.Random(2))
    regular = sock_dir / "notes"
    regular.write_text("keep me")
    with pytest.raises(SocketPathError, match="exists and is not a socket"):
        await CliSocketServer(node, regular).start()
    assert regular.read_text() == "keep me"
    assert not (sock_dir / "notes.lock").exists()

    path = sock_dir / "wpan0.sock"
    async with CliSocketServer(node, path):
        with pytest.raises(SocketPathError, match=r"another server holds .*/wpan0\.lock"):
            await CliSocketServer(other, path).start()
        # The first server still owns the path.
        session = await Client.connect(path)
        assert await session.ask("eui64") == EUI64.encode() + b"\r\nDone\r\n> "
        session.close()
    # Free again once the first has closed.
    async with CliSocketServer(other, path):
        assert path.exists()

    with pytest.raises(SocketPathError, match="cannot bind"):
        await CliSocketServer(node, sock_dir / ("x" * 120)).start()
    assert os.listdir(sock_dir) == ["notes"]
