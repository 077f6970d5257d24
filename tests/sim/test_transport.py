"""SimTransport: the CLI driver's seam to an in-process node; ScaledClock."""

from __future__ import annotations

import asyncio
import random

import pytest

from s20.clock import ManualClock, SystemClock
from s20.sim import ScaledClock, SimTransport, VirtualNode, World


async def _read_until(connection: object, marker: bytes) -> bytes:
    data = b""
    while marker not in data:
        chunk = await asyncio.wait_for(connection.read(), 1)  # type: ignore[attr-defined]
        assert chunk, f"end of stream before {marker!r}: {data!r}"
        data += chunk
    return data


async def test_connection_writes_to_the_node_and_reads_what_it_printed() -> None:
    clock = ManualClock()
    node = VirtualNode(World(), clock, rng=random.Random(1))
    transport = SimTransport(node)
    assert transport.description == f"sim:{node.eui64.hex()}"
    connection = await transport.connect()
    assert await connection.read() == b"> "
    await connection.write(b"extaddr\n")
    assert await _read_until(connection, b"Done\r\n> ") == (
        b"extaddr\r\n" + node.extaddr.hex().encode() + b"\r\nDone\r\n> "
    )
    await connection.close()
    assert await connection.read() == b""
    assert await connection.read() == b""
    with pytest.raises(ConnectionResetError):
        await connection.write(b"state\n")


async def test_asynchronous_lines_arrive_as_the_clock_runs() -> None:
    clock = ManualClock()
    node = VirtualNode(World(), clock, rng=random.Random(1))
    connection = await SimTransport(node).connect()
    await connection.write(b"ifconfig up\njoiner start J01NME\n")
    await _read_until(connection, b"joiner start J01NME\r\nDone\r\n> ")
    clock.advance(5)
    # 07_commissioning_failures.txt:58
    assert await connection.read() == b"Join failed [NotFound]\r\n"


async def test_a_new_connection_ends_the_old_one_and_gets_what_was_missed() -> None:
    clock = ManualClock()
    node = VirtualNode(World(), clock, rng=random.Random(1))
    transport = SimTransport(node)
    first = await transport.connect()
    await first.write(b"ifconfig up\njoiner start J01NME\n")
    await _read_until(first, b"Done\r\n> joiner start J01NME\r\nDone\r\n> ")
    second = await transport.connect()
    assert first.closed
    assert await first.read() == b""
    clock.advance(5)
    assert await second.read() == b"Join failed [NotFound]\r\n"
    await second.close()
    # Printed while nobody is connected: kept for the next session.
    clock.advance(0)
    node.receive(b"state\n")
    third = await transport.connect()
    assert await third.read() == b"state\r\ndisabled\r\nDone\r\n> "


async def test_first_read_after_a_reset_is_end_of_stream() -> None:
    node = VirtualNode(World(), ManualClock(), rng=random.Random(1))
    transport = SimTransport(node)
    first = await transport.connect()
    await transport.connect()
    assert await first.read() == b"> "
    assert await first.read() == b""


def test_scaled_clock_runs_faster_than_its_base() -> None:
    base = ManualClock()
    fast = ScaledClock(base, 50)
    start_mono, start_wall = fast.monotonic(), fast.time()
    fired: list[float] = []
    fast.call_later(7.0, lambda: fired.append(base.monotonic()))
    base.advance(0.1)
    assert fast.monotonic() - start_mono == pytest.approx(5.0)
    assert fast.time() - start_wall == pytest.approx(5.0)
    assert fired == []
    base.advance(0.05)
    assert fired == [pytest.approx(0.14)]
    assert fast.factor == 50


@pytest.mark.parametrize("factor", [0, -1, float("inf"), float("nan")])
def test_scaled_clock_refuses_a_bad_factor(factor: float) -> None:
    with pytest.raises(ValueError, match="factor"):
        ScaledClock(ManualClock(), factor)


async def test_scaled_clock_sleeps_shorter() -> None:
    fast = ScaledClock(SystemClock(), 100)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await fast.sleep(1.0)
    assert loop.time() - started < 0.5
