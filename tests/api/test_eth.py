"""`/eth/*` through HTTP with the real client, on the simulated uplinks."""

from __future__ import annotations

from s20.client import AsyncS20Client
from s20.client.results import Ipv4Config
from s20.clock import ManualClock
from s20.daemon.device import Device
from tests.api.uplinks import client, settle

__all__ = ["client"]

STATIC: Ipv4Config = {"ip": "192.168.8.50", "netmask": "255.255.255.0", "gateway": "192.168.8.1"}


async def test_plugged_in_with_the_dhcp_lease(client: AsyncS20Client) -> None:
    assert await client.eth_status() == {
        "status": 1,
        "protocol": "dhcp",
        "ipv4": {"ip": "192.168.8.20", "gateway": "192.168.8.1"},
        "ipv6": {"ip": "fd00:8::20"},
    }
    assert await client.eth_config() == {
        "protocol": "dhcp",
        "ipv4": {"ip": "", "netmask": "", "gateway": ""},
    }


async def test_static_config_is_applied_and_kept_under_dhcp(client: AsyncS20Client) -> None:
    await client.eth_set_config("static", STATIC)
    assert await client.eth_config() == {"protocol": "static", "ipv4": STATIC}
    status = await client.eth_status()
    assert (status["protocol"], status["ipv4"]) == (
        "static",
        {"ip": "192.168.8.50", "gateway": "192.168.8.1"},
    )
    # DHCP ignores ipv4 but keeps the static settings for the next switch back.
    await client.eth_set_config("dhcp", {"ip": "junk", "netmask": "junk", "gateway": "junk"})
    assert await client.eth_config() == {"protocol": "dhcp", "ipv4": STATIC}
    assert (await client.eth_status())["ipv4"]["ip"] == "192.168.8.20"


async def test_pulled_cable_is_status_3_and_no_wan(client: AsyncS20Client) -> None:
    await client.call("POST", "/sim/eth", {"plugged": False})
    status = await client.eth_status()
    assert (status["status"], status["ipv4"]) == (3, {"ip": "", "gateway": ""})
    assert (await client.get_info())["wan_status"] == 0
    await client.call("POST", "/sim/eth", {"plugged": True})
    assert (await client.eth_status())["status"] == 1


async def test_config_survives_a_restart(
    client: AsyncS20Client, clock: ManualClock, device: Device
) -> None:
    await client.eth_set_config("static", STATIC)
    await settle(clock, device.restart())
    assert await client.eth_config() == {"protocol": "static", "ipv4": STATIC}
    assert (await client.eth_status())["ipv4"]["ip"] == "192.168.8.50"
    await settle(clock, device.reset())
    assert device.network.eth_config()["protocol"] == "dhcp"
    assert (await device.network.eth_status())["ipv4"]["ip"] == "192.168.8.20"
