"""Run inside the test's device namespace: real pings, and the failover engine switching.

`python -m tests.linux.netns_probe STATE_DIR` prints one JSON object: what each ping
answered, and the WAN and preferred route after each step. Run by test_netns.py.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from s20.clock import ManualClock, SystemClock
from s20.drivers import Address, EthernetStatus, IpConfig, WifiLink
from s20.drivers.linux import LinuxPing
from s20.services.failover import CheckChange, FailoverEngine
from s20.sim import SimRoutes
from s20.store import Database

ETH, WIFI = "s20eth", "s20wifi"
ETH_PEER, WIFI_PEER = "10.77.1.1", "10.77.2.1"
ETH_PEER6, WIFI_PEER6 = "fd77:1::1", "fd77:2::1"
REPLY_WITHIN = 1.0


class Held:
    """Both uplinks hold an address; only the pings tell them apart."""

    async def status(self) -> EthernetStatus:
        return EthernetStatus(True, Address("10.77.1.2", ETH_PEER))

    async def apply(self, config: IpConfig) -> None:
        return None

    async def link(self) -> WifiLink | None:
        return WifiLink("test", "02:00:00:00:00:01", -50, Address("10.77.2.2", WIFI_PEER))

    def watch(self, on_lost: Callable[[], None]) -> Callable[[], None]:
        return lambda: None


def check(ipv4: str, ipv6: str) -> CheckChange:
    """Probe both addresses; one failed round makes the uplink faulty, one good one usable."""
    return CheckChange(
        enable=True, check_fail_time=1, check_success_time=1, check_ipv4=[ipv4], check_ipv6=[ipv6]
    )


async def link(iface: str, state: str) -> None:
    """Set `iface` up or down, and wait until the kernel says it is."""
    process = await asyncio.create_subprocess_exec("ip", "link", "set", iface, state)
    assert await process.wait() == 0
    operstate = Path(f"/sys/class/net/{iface}/operstate")
    for _ in range(200):  # a veth's carrier follows within milliseconds
        if (await asyncio.to_thread(operstate.read_text)).strip() == state:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{iface} did not go {state}")


async def run(state: Path) -> dict[str, Any]:
    ping = LinuxPing({"eth": ETH, "wifi": WIFI}, SystemClock())
    out: dict[str, Any] = {
        "eth_peer": await ping.ping("eth", ETH_PEER, REPLY_WITHIN),
        "wifi_peer": await ping.ping("wifi", WIFI_PEER, REPLY_WITHIN),
        "wifi_peer_through_eth": await ping.ping("eth", WIFI_PEER, REPLY_WITHIN),
        "eth_peer6": await ping.ping("eth", ETH_PEER6, REPLY_WITHIN),
        "wifi_peer6_through_eth": await ping.ping("eth", WIFI_PEER6, REPLY_WITHIN),
    }
    held, routes, db = Held(), SimRoutes(), Database.in_dir(state)
    # The engine's own timers never fire (its clock stands still): the test probes.
    engine = FailoverEngine(db, ManualClock(), ping, held, held, routes)  # type: ignore[arg-type]
    await engine.set_config(
        check(ETH_PEER, ETH_PEER6),
        check(WIFI_PEER, WIFI_PEER6),
        1,
        2,
    )
    steps = [("start", engine.wan, routes.preferred)]
    await link(ETH, "down")
    await engine.probe("eth")
    steps.append(("eth down", engine.wan, routes.preferred))
    await link(ETH, "up")
    await engine.probe("eth")
    steps.append(("eth up", engine.wan, routes.preferred))
    await engine.stop()
    db.close()
    out["steps"] = steps
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(Path(sys.argv[1])))))
