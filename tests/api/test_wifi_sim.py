"""`/sim/*` for the uplinks: access points, the cable and reachability while s20d runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from s20.client import AsyncS20Client
from s20.clock import ManualClock
from s20.daemon.platform import open_platform
from s20.errors import InvalidParams, NotFound
from tests.api.uplinks import client, settle

__all__ = ["client"]

LAB = {
    "ssid": "Lab",
    "bssid": "02:00:00:00:00:0A",
    "auth_mode": 3,
    "password": "lab-password",
    "rssi": -30,
}


async def test_added_ap_is_scanned_and_replaced_by_bssid(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    await client.call("POST", "/sim/wifi_ap", LAB)
    await client.call("POST", "/sim/wifi_ap", {**LAB, "rssi": -20})
    scan = (await settle(clock, client.wifi_scan()))["list"]
    assert scan[0] == {
        "ssid": "Lab",
        "bssid": "02:00:00:00:00:0a",
        "auth_mode": 3,
        "rssi": -20,
        "channel": 6,
    }
    assert len(scan) == 5
    world = await client.call("GET", "/sim/world")
    lab = [ap for ap in world["wifi_aps"] if ap["ssid"] == "Lab"]
    assert lab == [
        {
            "ssid": "Lab",
            "bssid": "02:00:00:00:00:0a",
            "auth_mode": 3,
            "password": "lab-password",
            "rssi": -20,
            "channel": 6,
            "ip": "192.168.60.20",
            "netmask": "255.255.255.0",
            "gateway": "192.168.60.1",
            "ipv6": "",
        }
    ]
    await client.call("POST", "/sim/remove_wifi_ap", {"bssid": "02:00:00:00:00:0A"})
    with pytest.raises(NotFound):
        await client.call("POST", "/sim/remove_wifi_ap", {"bssid": "02:00:00:00:00:0A"})


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**LAB, "bssid": "nope"}, "bssid"),
        ({**LAB, "auth_mode": 11}, "auth_mode"),
        ({**LAB, "rssi": 5}, "rssi"),
        ({**LAB, "ip": "1.2.3"}, "ip"),
    ],
)
async def test_bad_ap_is_refused(
    client: AsyncS20Client, body: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidParams, match=f"^{field} "):
        await client.call("POST", "/sim/wifi_ap", body)


async def test_cable_and_reachability_show_in_the_world(client: AsyncS20Client) -> None:
    await client.call("POST", "/sim/eth", {"plugged": False})
    body = {"iface": "wifi", "address": "2001:db8::1", "reachable": False}
    await client.call("POST", "/sim/reachability", body)
    world = await client.call("GET", "/sim/world")
    assert world["ethernet"]["plugged"] is False
    assert world["reachability"] == [body]
    with pytest.raises(InvalidParams, match="address"):
        await client.call("POST", "/sim/reachability", {**body, "address": "host"})


@pytest.mark.parametrize(("speed", "heard_after"), [(1.0, 3.0), (10.0, 0.3)])
async def test_sim_speed_speeds_the_wifi_scan(
    tmp_path: Path, speed: float, heard_after: float
) -> None:
    clock = ManualClock()
    platform = await open_platform("sim:", clock, tmp_path, sim_speed=speed)
    scan = asyncio.ensure_future(platform.wifi.scan())
    try:
        await clock.advance_async(heard_after * 0.9)
        assert not scan.done()
        await clock.advance_async(heard_after * 0.2)
        assert scan.done()
        assert len(scan.result()) == 4
    finally:
        scan.cancel()
        await platform.close()
