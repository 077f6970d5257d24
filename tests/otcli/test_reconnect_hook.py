"""`OtCli.on_reconnect`: callers learn that the far end may have lost its state."""

from __future__ import annotations

from s20.clock import ManualClock
from s20.otcli import STABLE_SESSION, OtCli
from s20.sim import SimTransport, VirtualNode, World


async def test_callback_runs_after_each_reconnect_until_removed() -> None:
    clock = ManualClock()
    transport = SimTransport(VirtualNode(World(), clock))
    cli = OtCli(transport, clock)
    await cli.start()
    calls: list[float] = []
    remove = cli.on_reconnect(lambda: calls.append(clock.monotonic()))
    assert calls == []
    # A second client takes the session, as with ot-daemon's socket (transcript 10).
    await (await transport.connect()).close()
    await clock.advance_async(1)
    assert len(calls) == 1
    assert await cli.command("state") == ["disabled"]
    remove()
    await (await transport.connect()).close()
    await clock.advance_async(1)
    assert len(calls) == 1
    assert await cli.command("state") == ["disabled"]
    await cli.close()


async def test_backoff_grows_while_sessions_are_taken_and_resets_once_stable() -> None:
    clock = ManualClock()
    transport = SimTransport(VirtualNode(World(), clock))
    cli = OtCli(transport, clock, reconnect_delay=0.5, max_reconnect_delay=4.0)
    await cli.start()
    times: list[float] = []
    cli.on_reconnect(lambda: times.append(clock.monotonic()))

    async def taken_over() -> float:
        # An interactive ot-ctl takes the session; return how long until we are back.
        lost, before = clock.monotonic(), len(times)
        await (await transport.connect()).close()
        while len(times) == before:
            await clock.advance_async(0.25)
        return times[-1] - lost

    waits = [await taken_over() for _ in range(5)]
    assert waits == [0.5, 1.0, 2.0, 4.0, 4.0]
    await clock.advance_async(STABLE_SESSION)  # a session that lasts resets the backoff
    assert await taken_over() == 0.5
    await cli.close()
