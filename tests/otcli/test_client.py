"""OtCli behaviour: in-flight events, echo, timeouts, serialization, reconnects, close."""

from __future__ import annotations

import asyncio
import logging

import pytest

from s20.clock import ManualClock
from s20.otcli import (
    DEFAULT_TIMEOUT,
    SCAN_TIMEOUT,
    OtCli,
    OtCliConnectionError,
    OtCliError,
    OtCliTimeout,
)

from .fakes import ScriptedConnection, ScriptedTransport


async def _started(*conns: ScriptedConnection, **kwargs: object) -> tuple[OtCli, ManualClock]:
    clock = ManualClock()
    cli = OtCli(ScriptedTransport(*conns), clock, **kwargs)  # type: ignore[arg-type]
    await cli.start()
    return cli, clock


async def test_event_inside_a_scan_table_stays_out_of_it() -> None:
    # The scan rows are 04_scan_discover.txt:98-100; the joiner event is 06:215.
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    events: list[str] = []
    cli.subscribe(events.append)
    task = asyncio.create_task(cli.command("scan"))
    await asyncio.sleep(0)
    conn.feed(
        b"scan\r\n| PAN  | MAC Address      | Ch | dBm | LQI |\r\n",
        b"+------+------------------+----+-----+-----+\r\n",
        b"Commissioner: Joiner start d65e64fa83f81cf7\r\n",
        b"| 1234 | 8a76c20c9d8fc956 | 15 | -20 |   0 |\r\nDone\r\n> ",
    )
    assert await task == [
        "| PAN  | MAC Address      | Ch | dBm | LQI |",
        "+------+------------------+----+-----+-----+",
        "| 1234 | 8a76c20c9d8fc956 | 15 | -20 |   0 |",
    ]
    assert events == ["Commissioner: Joiner start d65e64fa83f81cf7"]
    await cli.close()


async def test_unknown_line_before_the_echo_is_unsolicited() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn, echo=True)
    events: list[str] = []
    cli.subscribe(events.append)
    task = asyncio.create_task(cli.command("state"))
    await asyncio.sleep(0)
    conn.feed(b"> BR multi AIL callback: detected\r\nstate\r\nleader\r\nDone\r\n> ")
    assert await task == ["leader"]
    assert events == ["BR multi AIL callback: detected"]
    await cli.close()


async def test_without_echo_unknown_lines_in_flight_are_the_reply() -> None:
    conn = ScriptedConnection(
        lambda line: [b"BR multi AIL callback: detected\r\nleader\r\nDone\r\n> "]
    )
    cli, _ = await _started(conn, echo=False)
    events: list[str] = []
    cli.subscribe(events.append)
    assert await cli.command("state") == ["BR multi AIL callback: detected", "leader"]
    assert events == []
    await cli.close()


async def test_echo_is_learned_per_connection() -> None:
    # A daemon socket never echoes, so an output line equal to the command is output.
    conn = ScriptedConnection(
        lambda line: [b"leader\r\nDone\r\n> " if line == "state" else b"networkname\r\nDone\r\n> "]
    )
    cli, _ = await _started(conn)
    assert await cli.command("state") == ["leader"]
    assert await cli.command("networkname") == ["networkname"]
    await cli.close()


async def test_timeout_then_the_late_reply_is_dropped() -> None:
    conn = ScriptedConnection()
    cli, clock = await _started(conn)
    task = asyncio.create_task(cli.command("state"))
    await clock.advance_async(DEFAULT_TIMEOUT - 0.1)
    assert not task.done()
    await clock.advance_async(0.2)
    with pytest.raises(OtCliTimeout, match="'state'"):
        await task
    # The late reply to `state` arrives while `extaddr` is waiting (no echo: a socket).
    task = asyncio.create_task(cli.command("extaddr"))
    await asyncio.sleep(0)
    conn.feed(b"leader\r\nDone\r\n> ", b"02c0305b943e68ec\r\nDone\r\n> ")
    assert await task == ["02c0305b943e68ec"]
    await cli.close()


async def test_an_echo_shows_a_timed_out_command_is_finished() -> None:
    conn = ScriptedConnection()
    cli, clock = await _started(conn, echo=True)
    task = asyncio.create_task(cli.command("state"))
    await clock.advance_async(DEFAULT_TIMEOUT)
    with pytest.raises(OtCliTimeout):
        await task
    # The timed-out command never answers; the next one's echo resynchronises.
    conn.feed(b"> extaddr\r\nfeeb11dcf64e31d7\r\nDone\r\n> ")
    assert await cli.command("extaddr") == ["feeb11dcf64e31d7"]
    await cli.close()


async def test_scan_gets_the_longer_timeout() -> None:
    conn = ScriptedConnection()
    cli, clock = await _started(conn)
    task = asyncio.create_task(cli.command("scan"))
    await clock.advance_async(SCAN_TIMEOUT - 0.5)
    assert not task.done()
    await clock.advance_async(0.5)
    with pytest.raises(OtCliTimeout):
        await task
    task = asyncio.create_task(cli.command("channel", timeout=1.0))
    await clock.advance_async(1.0)
    with pytest.raises(OtCliTimeout, match="1 s"):
        await task
    await cli.close()


async def test_a_cancelled_command_still_owns_its_reply() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn, echo=False)
    task = asyncio.create_task(cli.command("state"))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    task = asyncio.create_task(cli.command("rloc16"))
    await asyncio.sleep(0)
    conn.feed(b"leader\r\nDone\r\n> 2800\r\nDone\r\n> ")
    assert await task == ["2800"]
    await cli.close()


async def test_commands_are_serialized() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    first = asyncio.create_task(cli.command("state"))
    second = asyncio.create_task(cli.command("rloc16"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert conn.written == ["state"]
    conn.feed(b"> state\r\nleader\r\nDone\r\n> ")
    assert await first == ["leader"]
    await asyncio.sleep(0)
    assert conn.written == ["state", "rloc16"]
    conn.feed(b"rloc16\r\n2800\r\nDone\r\n> ")
    assert await second == ["2800"]
    await cli.close()


async def test_cli_errors_carry_code_name_and_command() -> None:
    # 01_basic_info.txt:117-119
    conn = ScriptedConnection(lambda line: [b"> dataset active\r\nError 23: NotFound\r\n> "])
    cli, _ = await _started(conn)
    with pytest.raises(OtCliError) as info:
        await cli.command("dataset active")
    assert (info.value.code, info.value.name, info.value.command) == (
        23,
        "NotFound",
        "dataset active",
    )
    assert str(info.value) == "Error 23: NotFound (command: dataset active)"
    await cli.close()


async def test_lost_connection_fails_the_command_and_reconnects(
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = ScriptedConnection()
    second = ScriptedConnection(lambda line: [b"leader\r\nDone\r\n> "])
    transport = ScriptedTransport(first, second)
    clock = ManualClock()
    cli = OtCli(transport, clock, reconnect_delay=0.5)
    await cli.start()
    task = asyncio.create_task(cli.command("state"))
    await asyncio.sleep(0)
    with caplog.at_level(logging.WARNING, logger="s20.otcli"):
        first.hang_up()
        with pytest.raises(OtCliConnectionError, match="lost"):
            await task
    assert "lost the CLI connection to scripted:test" in caplog.text
    assert first.closed
    assert not cli.connected
    with pytest.raises(OtCliConnectionError, match="reconnecting"):
        await cli.command("state")
    await clock.advance_async(0.5)
    await cli.wait_connected()
    assert transport.attempts == 2
    assert await cli.command("state") == ["leader"]
    await cli.close()


async def test_reconnect_backs_off_exponentially(caplog: pytest.LogCaptureFixture) -> None:
    first = ScriptedConnection()
    later = ScriptedConnection()
    transport = ScriptedTransport(first)
    clock = ManualClock()
    cli = OtCli(transport, clock, reconnect_delay=1.0, max_reconnect_delay=4.0)
    await cli.start()
    first.hang_up()
    await clock.advance_async(0)
    # Attempts at t=1, 3, 7, 11: delays 1, 2, 4, then capped at 4.
    for t, attempts in [(0.9, 1), (1.0, 2), (3.0, 3), (7.0, 4), (10.9, 4), (11.0, 5)]:
        await clock.advance_async(t - clock.monotonic())
        assert transport.attempts == attempts, t
    assert "retrying in 4 s" in caplog.text
    transport.connections.append(later)
    await clock.advance_async(4.0)
    await cli.wait_connected()
    assert transport.attempts == 6
    await cli.close()


async def test_start_failure_is_a_connection_error() -> None:
    cli = OtCli(ScriptedTransport(), ManualClock())
    with pytest.raises(OtCliConnectionError, match="cannot connect to scripted:test"):
        await cli.start()
    with pytest.raises(OtCliConnectionError, match="not started"):
        await cli.command("state")


async def test_start_twice_is_a_bug() -> None:
    cli, _ = await _started(ScriptedConnection())
    with pytest.raises(RuntimeError, match="twice"):
        await cli.start()
    await cli.close()
    with pytest.raises(RuntimeError, match="after close"):
        await cli.start()


async def test_close_fails_the_command_in_flight_and_ends_streams() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    stream = cli.events()
    conn.feed(b"> Join success\r\n")
    assert await anext(stream) == "Join success"
    task = asyncio.create_task(cli.command("state"))
    await asyncio.sleep(0)
    await cli.close()
    with pytest.raises(OtCliConnectionError, match="closed"):
        await task
    with pytest.raises(StopAsyncIteration):
        await anext(stream)
    with pytest.raises(OtCliConnectionError, match="closed"):
        await cli.command("state")
    with pytest.raises(OtCliConnectionError, match="closed"):
        await cli.wait_connected()
    assert conn.closed
    assert cli.closed
    await cli.close()  # harmless twice


async def test_event_stream_collects_from_creation() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    stream = cli.events()
    conn.feed(b"> Commissioner: active\r\n", b"Commissioner: Joiner start d65e64fa83f81cf7\r\n")
    await conn.drain()
    assert [await anext(stream), await anext(stream)] == [
        "Commissioner: active",
        "Commissioner: Joiner start d65e64fa83f81cf7",
    ]
    await stream.aclose()
    conn.feed(b"Join success\r\n")
    await conn.drain()
    with pytest.raises(StopAsyncIteration):
        await anext(stream)
    await cli.close()


async def test_a_failing_subscriber_does_not_stop_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    seen: list[str] = []

    def broken(line: str) -> None:
        raise RuntimeError("boom")

    cli.subscribe(broken)
    unsubscribe = cli.subscribe(seen.append)
    conn.feed(b"Join success\r\n")
    await conn.drain()
    assert seen == ["Join success"]
    assert "an event subscriber failed" in caplog.text
    unsubscribe()
    unsubscribe()
    conn.feed(b"Join failed [Security]\r\n")
    await conn.drain()
    assert seen == ["Join success"]
    await cli.close()


async def test_write_failure_is_a_connection_error() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    conn.closed = True
    with pytest.raises(OtCliConnectionError, match="cannot send"):
        await cli.command("state")
    await cli.close()


async def test_async_context_manager() -> None:
    conn = ScriptedConnection(lambda line: [b"> state\r\ndisabled\r\nDone\r\n> "])
    async with OtCli(ScriptedTransport(conn), ManualClock()) as cli:
        assert cli.connected
        assert await cli.command("state") == ["disabled"]
    assert cli.closed


def test_reconnect_delays_are_checked() -> None:
    with pytest.raises(ValueError, match="reconnect_delay"):
        OtCli(ScriptedTransport(), ManualClock(), reconnect_delay=0)
    with pytest.raises(ValueError, match="reconnect_delay"):
        OtCli(ScriptedTransport(), ManualClock(), reconnect_delay=5, max_reconnect_delay=1)


async def test_idle_lines() -> None:
    conn = ScriptedConnection()
    cli, _ = await _started(conn)
    events: list[str] = []
    cli.subscribe(events.append)
    # A stray result and blank lines are dropped; an unknown line is an event.
    conn.feed(b"Done\r\n> \r\n\r\n> BR multi AIL callback: detected\r\n")
    await conn.drain()
    assert events == ["BR multi AIL callback: detected"]
    assert cli.transport.description == "scripted:test"
    await cli.close()


class _Faulty(ScriptedConnection):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    async def read(self) -> bytes:
        await asyncio.sleep(0)
        raise self.error

    async def close(self) -> None:
        await super().close()
        raise OSError("already gone")


@pytest.mark.parametrize(
    ("error", "reason"),
    [(ConnectionResetError("reset by peer"), "reset by peer"), (ValueError("bug"), "ValueError")],
)
async def test_read_errors_count_as_a_lost_connection(
    error: Exception, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock()
    transport = ScriptedTransport(_Faulty(error), ScriptedConnection())
    cli = OtCli(transport, clock)
    await cli.start()
    await clock.advance_async(0)
    assert not cli.connected
    assert reason in caplog.text
    waiter = asyncio.create_task(cli.wait_connected())
    await clock.advance_async(0.4)
    assert not waiter.done()
    await clock.advance_async(0.1)
    await waiter
    assert transport.attempts == 2
    await cli.close()


def test_error_repr() -> None:
    assert repr(OtCliError(23, "NotFound", "dataset active")) == (
        "OtCliError(code=23, name='NotFound', command='dataset active')"
    )
    assert str(OtCliError(35, "InvalidCommand")) == "Error 35: InvalidCommand"
