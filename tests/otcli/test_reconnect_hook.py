"""`OtCli.on_reconnect`: callers learn that the far end may have lost its state."""

from __future__ import annotations

from s20.clock import ManualClock
from s20.otcli import OtCli
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
