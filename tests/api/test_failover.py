"""WAN failover on the manual clock: probes, counts, the WAN chosen, `wan_status`."""

from __future__ import annotations

import logging

import pytest

from s20.client import AsyncS20Client
from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.sim import SimRoutes
from tests.api.uplinks import client, settle, wait_until

__all__ = ["client"]

ETH_CHECKS = ["192.0.2.1", "198.51.100.1"]
WIFI_CHECKS = ["203.0.113.1"]
MINUTE = 60.0


def checks(addresses: list[str], fail: int = 3, success: int = 2) -> dict[str, object]:
    return {
        "enable": True,
        "check_interval": 1,
        "check_success_time": success,
        "check_fail_time": fail,
        "check_ipv4": addresses,
        "check_ipv6": [],
    }


def wan(device: Device) -> str | None:
    """Return the WAN in use (read anew each time: the engine moves it)."""
    return device.failover.wan


def preferred(device: Device) -> str | None:
    """Return the uplink the engine told the platform's routes to prefer."""
    routes = device.platform.routes
    assert isinstance(routes, SimRoutes)
    return routes.preferred


async def reach(api: AsyncS20Client, iface: str, addresses: list[str], ok: bool) -> None:
    for address in addresses:
        body = {"iface": iface, "address": address, "reachable": ok}
        await api.call("POST", "/sim/reachability", body)


async def rounds(clock: ManualClock, n: int) -> None:
    """Let `n` probe rounds (one a minute) run, each with its pings' replies or timeouts."""
    for _ in range(n):
        await clock.advance_async(MINUTE)
    await clock.advance_async(5)


@pytest.fixture
async def both_checked(client: AsyncS20Client, clock: ManualClock) -> AsyncS20Client:
    await client.wifi_start("HomeNet", "goodlife-home", 3)
    await wait_until(clock, client.wifi_status, lambda r: r["status"] == 2)
    await client.failover_set_config(
        eth=checks(ETH_CHECKS), wifi=checks(WIFI_CHECKS), priority={"eth": 1, "wifi": 2}
    )
    return client


async def test_defaults_read_back(client: AsyncS20Client) -> None:
    config = await client.failover_config()
    assert config["priority"] == {"eth": 1, "wifi": 2}
    assert config["eth"]["enable"] is False
    assert config["eth"]["check_interval"] == 1
    assert len(config["eth"]["check_ipv4"]) <= 3


async def test_eth_fails_over_to_wifi_and_back(
    both_checked: AsyncS20Client,
    clock: ManualClock,
    device: Device,
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = both_checked
    caplog.set_level(logging.INFO, logger="s20.services.failover")
    assert wan(device) == "eth"
    await reach(api, "eth", ETH_CHECKS, ok=False)
    await rounds(clock, 2)
    assert wan(device) == "eth"  # 2 failed rounds of 3: not faulty yet
    assert preferred(device) == "eth"
    await rounds(clock, 1)
    assert wan(device) == "wifi"
    assert preferred(device) == "wifi"
    assert (await api.get_info())["wan_status"] == 2
    assert "WAN switched from eth to wifi" in caplog.text
    # Both fail: an address, but no internet.
    await reach(api, "wifi", WIFI_CHECKS, ok=False)
    await rounds(clock, 3)
    assert wan(device) is None
    assert preferred(device) is None
    assert (await api.get_info())["wan_status"] == 1
    # Eth recovers: after 2 successful rounds it is the WAN again.
    await reach(api, "eth", ETH_CHECKS, ok=True)
    await rounds(clock, 1)
    assert wan(device) is None
    await rounds(clock, 1)
    assert wan(device) == "eth"
    assert preferred(device) == "eth"
    assert (await api.get_info())["wan_status"] == 2


async def test_one_answering_address_keeps_the_interface_usable(
    both_checked: AsyncS20Client, clock: ManualClock, device: Device
) -> None:
    await reach(both_checked, "eth", ETH_CHECKS[:1], ok=False)
    await rounds(clock, 5)
    assert wan(device) == "eth"


async def test_priority_picks_the_wan(
    both_checked: AsyncS20Client, clock: ManualClock, device: Device
) -> None:
    await both_checked.failover_set_config(priority={"eth": 5, "wifi": 4})
    assert wan(device) == "wifi"
    assert (await both_checked.failover_config())["priority"] == {"eth": 5, "wifi": 4}


async def test_unchecked_interface_is_usable_while_it_has_an_address(
    client: AsyncS20Client, clock: ManualClock, device: Device
) -> None:
    await reach(client, "eth", ["1.1.1.1", "8.8.8.8", "2606:4700:4700::1111"], ok=False)
    await rounds(clock, 10)  # checks are off by default: nothing is probed
    assert (await client.get_info())["wan_status"] == 2
    await client.call("POST", "/sim/eth", {"plugged": False})
    assert (await client.get_info())["wan_status"] == 0


async def test_config_survives_a_restart(
    both_checked: AsyncS20Client, clock: ManualClock, device: Device
) -> None:
    before = await both_checked.failover_config()
    assert before["eth"] == checks(ETH_CHECKS)
    await settle(clock, device.restart())
    assert await both_checked.failover_config() == before
