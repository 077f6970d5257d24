"""The real transports: a unix socket daemon, a child process, a serial port (pty)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from s20.clock import ManualClock
from s20.otcli import (
    CommissionerState,
    CommissionerStateChanged,
    DeviceRole,
    ExecTransport,
    OtCli,
    OtCliConnectionError,
    OtCliError,
    Radio,
    SerialTransport,
    StreamTransport,
    UnixTransport,
)

from .fakes import daemon_reply, echo_reply
from .transcripts import exchanges

pytestmark = pytest.mark.e2e


async def eventually(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait (really) for socket or process I/O to make `condition` true."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - the I/O happens outside our control
            await asyncio.sleep(0.005)


class FakeDaemon:
    """otbr-agent's CLI socket as transcript 10 recorded it: one session at a time, no echo."""

    def __init__(self, path: Path) -> None:
        self.path = path
        recorded = [ex for ex in exchanges("10", "ctl") + exchanges("10", "s1") if ex.result]
        # Later recordings win: the s1 session is the leader with an active commissioner.
        self.replies = {ex.command: daemon_reply(ex) for ex in recorded}
        self.silent: set[str] = set()
        self.sessions: list[asyncio.StreamWriter] = []
        self.received: list[str] = []
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> FakeDaemon:
        self._server = await asyncio.start_unix_server(self._session, path=str(self.path))
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self.sessions:
            writer.close()
        await self._server.wait_closed()

    def drop(self) -> None:
        """Close the current session, as the daemon does when another client connects."""
        self.sessions[-1].close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.sessions:
            self.sessions[-1].close()
        self.sessions.append(writer)
        try:
            while line := await reader.readline():
                command = line.decode().rstrip("\n")
                self.received.append(command)
                if command in self.silent:
                    continue
                reply = self.replies.get(command, b"Error 35: InvalidCommand\r\n> ")
                if command == "commissioner start":
                    # 11_otbr_agent_otctl.txt:655-660: active follows the prompt.
                    reply += b"Commissioner: active\r\n"
                writer.write(reply)
                await writer.drain()
        except ConnectionResetError:
            pass
        finally:
            writer.close()


async def test_unix_socket_session_drop_and_reconnect(
    tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path_factory.mktemp("otd") / "wpan0.sock"
    clock = ManualClock()
    async with FakeDaemon(path) as daemon:
        cli = OtCli(UnixTransport(path), clock, reconnect_delay=0.5)
        radio = Radio(cli)
        await cli.start()
        # 10_otctl_daemon.txt:266-269 (s1) and the one-shot calls at :13-28.
        assert await radio.state() == DeviceRole.LEADER
        versions = await radio.versions()
        assert versions.api == 552
        assert versions.rcp == "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:47:39"
        assert await radio.networkname() == "Test Network"

        events = radio.events()
        await radio.commissioner_start()
        assert await anext(events) == CommissionerStateChanged(CommissionerState.PETITIONING)
        assert await anext(events) == CommissionerStateChanged(CommissionerState.ACTIVE)

        # The daemon drops the session while a scan is in flight.
        daemon.silent.add("scan")
        scan = asyncio.create_task(radio.scan())
        await eventually(lambda: daemon.received[-1:] == ["scan"])
        with caplog.at_level(logging.WARNING, logger="s20.otcli"):
            daemon.drop()
            with pytest.raises(OtCliConnectionError, match="lost"):
                await scan
        assert "lost the CLI connection to unix:" in caplog.text
        await eventually(lambda: clock.next_due() is not None)
        await clock.advance_async(0.5)
        await asyncio.wait_for(cli.wait_connected(), 5)
        assert len(daemon.sessions) == 2
        assert await radio.commissioner_state() == CommissionerState.ACTIVE

        # Another client (a one-shot ot-ctl) connects: the daemon closes our session;
        # we reconnect, which in turn closes theirs.
        _, intruder = await asyncio.open_unix_connection(str(path))
        await eventually(lambda: not cli.connected)
        await eventually(lambda: clock.next_due() is not None)
        # The session before lasted under STABLE_SESSION, so the wait has doubled.
        await clock.advance_async(0.5)
        assert not cli.connected
        await clock.advance_async(0.5)
        await asyncio.wait_for(cli.wait_connected(), 5)
        assert len(daemon.sessions) == 4
        assert await radio.state() == DeviceRole.LEADER
        intruder.close()
        await cli.close()
        await events.aclose()


async def test_stream_transport_over_loopback_tcp() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():
            # 11_otbr_agent_otctl.txt:427-428
            assert line == b"state\n"
            writer.write(b"leader\r\nDone\r\n> ")
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport = StreamTransport(
        lambda: asyncio.open_connection("127.0.0.1", port), f"tcp:127.0.0.1:{port}"
    )
    cli = OtCli(transport, ManualClock())
    await cli.start()
    assert await Radio(cli).state() == DeviceRole.LEADER
    await cli.close()
    server.close()
    await server.wait_closed()


async def test_unix_socket_that_is_not_there(tmp_path: Path) -> None:
    cli = OtCli(UnixTransport(tmp_path / "absent.sock"), ManualClock())
    with pytest.raises(OtCliConnectionError, match="cannot connect to unix:"):
        await cli.start()


CHILD = r"""
import json, os, sys
replies = json.loads(sys.argv[1])
out = sys.stdout.buffer
out.write(b"> ")
out.flush()
for raw in sys.stdin.buffer:
    line = raw.decode().rstrip("\n")
    if line == "exit":
        sys.exit(0)
    if line == "pid":
        reply = f"pid\r\n{os.getpid()}\r\nDone\r\n> "
    else:
        reply = replies.get(line, line + "\r\nError 35: InvalidCommand\r\n> ")
    out.write(reply.encode())
    out.flush()
"""


def _child_transport(tmp_path: Path) -> ExecTransport:
    # 03_pskc.txt: the PSKc test vector session, as an ot-cli-ftd node prints it.
    replies = {ex.command: echo_reply(ex).decode() for ex in exchanges("03", "n1")}
    script = tmp_path / "fake_ot_cli_ftd.py"
    script.write_text(CHILD)
    return ExecTransport([sys.executable, str(script), json.dumps(replies)])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_child_process_session(tmp_path: Path) -> None:
    clock = ManualClock()
    cli = OtCli(_child_transport(tmp_path), clock, reconnect_delay=1.0)
    radio = Radio(cli)
    await cli.start()
    # 03_pskc.txt:10-30: set with an escaped space, read back, then derive the PSKc.
    assert await cli.command("networkname", "Test Network") == []
    assert await radio.networkname() == "Test Network"
    assert await cli.command("extpanid", "0001020304050607") == []
    assert await cli.command("pskc -p", "12SECRETPASSWORD34") == []
    assert await radio.pskc() == "c3f59368445a1b6106be420a706d4cc9"
    (pid,) = await cli.command("pid")

    # The child exits mid-command: the command fails and a new child is started.
    with pytest.raises(OtCliConnectionError, match="lost"):
        await cli.command("exit")
    await eventually(lambda: clock.next_due() is not None)
    await clock.advance_async(1.0)
    await asyncio.wait_for(cli.wait_connected(), 5)
    (new_pid,) = await cli.command("pid")
    assert new_pid != pid
    assert not _alive(int(pid))

    await cli.close()
    assert not _alive(int(new_pid))


async def test_missing_executable(tmp_path: Path) -> None:
    cli = OtCli(ExecTransport([str(tmp_path / "no-such-ot-cli")]), ManualClock())
    with pytest.raises(OtCliConnectionError, match="cannot connect to exec:"):
        await cli.start()


class PtyRadio:
    """The far end of a pseudo-terminal, answering like a CLI firmware on a UART."""

    def __init__(self) -> None:
        self.master, self._slave = os.openpty()
        self.device = os.ttyname(self._slave)
        os.set_blocking(self.master, False)
        self.received = b""
        self.lines: list[bytes] = []
        self.answers: dict[bytes, bytes] = {}
        asyncio.get_running_loop().add_reader(self.master, self._readable)

    def _readable(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return
        self.received += data
        while b"\n" in self.received:
            line, _, self.received = self.received.partition(b"\n")
            self.lines.append(line)
            if line in self.answers:
                os.write(self.master, self.answers[line])

    def close(self) -> None:
        """Hang up, as when the radio is unplugged."""
        asyncio.get_running_loop().remove_reader(self.master)
        os.close(self.master)
        os.close(self._slave)


async def test_serial_port_session() -> None:
    pty = PtyRadio()
    # 01_basic_info.node1.raw:12-14
    pty.answers[b"state"] = b"state\r\ndisabled\r\nDone\r\n> "
    cli = OtCli(SerialTransport(pty.device, 115200), ManualClock())
    await cli.start()
    try:
        assert await Radio(cli).state() == DeviceRole.DISABLED
        # A line longer than the tty buffer exercises the wait for writability.
        pty.answers[b"x" * 100_000] = b"Error 35: InvalidCommand\r\n> "
        with pytest.raises(OtCliError, match="InvalidCommand"):
            await cli.command("x" * 100_000)
        # Unplugging the radio fails the command in flight.
        task = asyncio.create_task(cli.command("extaddr"))
        await eventually(lambda: b"extaddr" in pty.lines)
        pty.close()
        with pytest.raises(OtCliConnectionError, match="lost"):
            await task
    finally:
        await cli.close()


async def test_serial_connection_close_releases_a_pending_read() -> None:
    pty = PtyRadio()
    try:
        conn = await SerialTransport(pty.device).connect()
        read = asyncio.create_task(conn.read())
        await asyncio.sleep(0.01)
        assert not read.done()
        await conn.close()
        assert await read == b""
        with pytest.raises(ConnectionAbortedError):
            await conn.write(b"state\n")
        await conn.close()
    finally:
        pty.close()


def _exited_child_writes(loop_factory: Callable[[], asyncio.AbstractEventLoop]) -> BaseException:
    async def write_after_exit() -> BaseException:
        connection = await ExecTransport(["/bin/true"]).connect()
        while await connection.read():
            pass
        try:
            for _ in range(50):  # the pipe's closing is noticed a write or two later
                await connection.write(b"state\n")
                await asyncio.sleep(0.01)
        except BaseException as exc:
            return exc
        finally:
            await connection.close()
        raise AssertionError("writing to an exited child never failed")

    with asyncio.Runner(loop_factory=loop_factory) as runner:
        return runner.run(write_after_exit())


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_writing_to_an_exited_child_is_an_oserror(loop: str) -> None:
    # uvloop's pipe says "handler is closed" with a RuntimeError; the Connection contract
    # is OSError, which the CLI client turns into a connection error and s20d into one line.
    factory: Callable[[], asyncio.AbstractEventLoop] = asyncio.new_event_loop
    if loop == "uvloop":
        uvloop = pytest.importorskip("uvloop")
        factory = uvloop.new_event_loop
    assert isinstance(_exited_child_writes(factory), OSError)
