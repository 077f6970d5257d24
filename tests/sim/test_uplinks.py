"""The simulated uplinks: scenario keys, the world's controls, and the sim drivers."""

from __future__ import annotations

import asyncio

import pytest

from s20.clock import ManualClock
from s20.drivers import ConnectFailure, IpConfig, WifiConnectError, WifiCredentials
from s20.sim import ScenarioError, SimEthernet, SimPing, SimWifi, World, parse_scenario

AP = {
    "ssid": "Lab",
    "bssid": "02:00:00:00:00:01",
    "auth_mode": 3,
    "password": "lab-password",
    "rssi": -50,
    "channel": 1,
    "ip": "10.1.0.9",
    "gateway": "10.1.0.1",
}


def world(**extra: object) -> World:
    return World.from_mapping({"wifi_aps": [AP], **extra})


def test_default_scenario_has_aps_and_a_plugged_cable() -> None:
    snapshot = World.default().snapshot()
    assert snapshot["ethernet"]["plugged"] is True
    assert snapshot["ethernet"]["ip"] == "192.168.8.20"
    assert [ap["ssid"] for ap in snapshot["wifi_aps"]] == [
        "HomeNet",
        "HomeNet-5G",
        "Cafe Guest",
        "Neighbour WiFi",
    ]


def test_snapshot_loads_back_as_a_scenario() -> None:
    first = world(
        ethernet={"plugged": False, "ip": "172.16.0.5", "gateway": "172.16.0.1"},
        reachability=[{"iface": "eth", "address": "192.0.2.1", "reachable": False}],
    )
    snapshot = first.snapshot()
    assert World.from_mapping(snapshot).snapshot() == snapshot
    assert snapshot["ethernet"] == {
        "plugged": False,
        "ip": "172.16.0.5",
        "netmask": "255.255.255.0",
        "gateway": "172.16.0.1",
        "ipv6": "fd00:8::20",
    }


@pytest.mark.parametrize(
    ("scenario", "key"),
    [
        ({"wifi_aps": [{**AP, "bssid": "02:00:00:00:00"}]}, "wifi_aps[0].bssid"),
        ({"wifi_aps": [{**AP, "ssid": "x" * 33}]}, "wifi_aps[0].ssid"),
        ({"wifi_aps": [{**AP, "auth_mode": 10}]}, "wifi_aps[0].auth_mode"),
        ({"wifi_aps": [{**AP, "ip": "10.1.0"}]}, "wifi_aps[0].ip"),
        ({"wifi_aps": [{**AP, "colour": "red"}]}, "wifi_aps[0].colour"),
        ({"wifi_aps": [AP, AP]}, "wifi_aps[1].bssid"),
        ({"ethernet": {"plugged": "yes"}}, "ethernet.plugged"),
        ({"ethernet": {"netmask": "255.0.255.0"}}, "ethernet.netmask"),
        ({"reachability": [{"iface": "lte", "address": "1.1.1.1"}]}, "reachability[0].iface"),
        ({"reachability": [{"iface": "eth", "address": "one"}]}, "reachability[0].address"),
    ],
)
def test_bad_uplink_keys_are_named(scenario: dict[str, object], key: str) -> None:
    with pytest.raises(ScenarioError) as error:
        parse_scenario(scenario)
    assert error.value.key == key


async def test_connect_takes_association_and_dhcp_time() -> None:
    clock = ManualClock()
    wifi = SimWifi(world().uplinks, clock)
    task = asyncio.ensure_future(
        wifi.connect(WifiCredentials("Lab", 3, "lab-password"), IpConfig())
    )
    await clock.advance_async(2.9)
    assert not task.done()
    await clock.advance_async(0.2)
    link = await task
    assert (link.bssid, link.address.ip, link.address.gateway) == (
        "02:00:00:00:00:01",
        "10.1.0.9",
        "10.1.0.1",
    )


@pytest.mark.parametrize(
    ("credentials", "reason"),
    [
        (WifiCredentials("Lab", 3, "wrong-password"), ConnectFailure.WRONG_PASSWORD),
        (WifiCredentials("Elsewhere", 3, "lab-password"), ConnectFailure.NOT_FOUND),
        (
            WifiCredentials("Lab", 3, "lab-password", bssid="02:00:00:00:00:02"),
            ConnectFailure.NOT_FOUND,
        ),
    ],
)
async def test_connect_failures(credentials: WifiCredentials, reason: ConnectFailure) -> None:
    clock = ManualClock()
    wifi = SimWifi(world().uplinks, clock)
    task = asyncio.ensure_future(wifi.connect(credentials, IpConfig()))
    await clock.advance_async(5)
    with pytest.raises(WifiConnectError) as error:
        await task
    assert error.value.reason is reason


async def test_enterprise_ap_is_unsupported() -> None:
    clock = ManualClock()
    wifi = SimWifi(World.from_mapping({"wifi_aps": [{**AP, "auth_mode": 5}]}).uplinks, clock)
    task = asyncio.ensure_future(wifi.connect(WifiCredentials("Lab", 3, "x" * 8), IpConfig()))
    await clock.advance_async(5)
    with pytest.raises(WifiConnectError, match="unsupported auth mode"):
        await task


async def test_removing_the_ap_drops_the_link_and_tells_watchers() -> None:
    clock = ManualClock()
    uplinks = world().uplinks
    wifi = SimWifi(uplinks, clock)
    lost: list[bool] = []
    wifi.watch(lambda: lost.append(True))
    task = asyncio.ensure_future(
        wifi.connect(WifiCredentials("Lab", 3, "lab-password"), IpConfig())
    )
    await clock.advance_async(5)
    await task
    uplinks.remove_ap("02:00:00:00:00:01")
    assert await wifi.link() is None
    assert lost == [True]
    with pytest.raises(ScenarioError):
        uplinks.remove_ap("02:00:00:00:00:01")


async def test_ping_follows_addresses_and_reachability() -> None:
    clock = ManualClock()
    uplinks = world().uplinks
    ethernet = SimEthernet(uplinks)
    ping = SimPing(uplinks, clock, ethernet, SimWifi(uplinks, clock))

    async def probe(iface: str, address: str) -> bool:
        task = asyncio.ensure_future(ping.ping(iface, address, 2.0))  # type: ignore[arg-type]
        await clock.advance_async(2.5)
        return await task

    assert await probe("eth", "192.0.2.1") is True
    assert await probe("wifi", "192.0.2.1") is False  # Wi-Fi has no address
    uplinks.set_reachable("eth", "192.0.2.1", False)
    assert await probe("eth", "192.0.2.1") is False
    assert await probe("eth", "192.0.2.2") is True
    uplinks.set_plugged(False)
    assert await probe("eth", "192.0.2.2") is False
    assert (await ethernet.status()).address is None
