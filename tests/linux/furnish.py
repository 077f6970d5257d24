"""Furnish the NetworkManager double: eth0 and wlan0 with addresses, three access points."""

from __future__ import annotations

from typing import Any

from dbus_fast import Variant

from s20.drivers.linux import Bus

from .doubles import ETH, NM, NM_MOCK, NM_PATH, WLAN, mock_call

__all__ = [
    "APS",
    "ETH_ADDRESS",
    "SYSTEMD",
    "WIFI_ADDRESS",
    "fail_activation",
    "furnish",
    "furnish_systemd",
    "restore_activation",
]

DEVICE = f"{NM}.Device"
SYSTEMD = ("org.freedesktop.systemd1", "/org/freedesktop/systemd1")
AP = f"{NM}.AccessPoint"
PSK, SAE, OWE, CCMP = 0x100, 0x400, 0x800, 0x88
ETH_ADDRESS = ("192.168.1.50", 24, "192.168.1.1")
WIFI_ADDRESS = ("192.168.50.23", 24, "192.168.50.1")
# name: (SSID, BSSID, frequency MHz, strength %, WpaFlags, RsnFlags)
APS = {
    "home": ("HomeNet", "94:83:c4:00:00:01", 2437, 90, 0, PSK | CCMP),
    "cafe": ("Cafe Guest", "94:83:c4:00:00:02", 5180, 40, 0, 0),
    "modern": ("Modern", "94:83:c4:00:00:03", 5955, 60, 0, SAE | PSK | CCMP),
}

# The device reports what its active profile holds (python-dbusmock has no such method).
_APPLIED = """
active = self.Get('org.freedesktop.NetworkManager.Device', 'ActiveConnection')
profile = objects[active].Get('org.freedesktop.NetworkManager.Connection.Active', 'Connection')
ret = (objects[profile].settings, dbus.UInt64(7))
"""
# A scan ends at once, announced as NetworkManager announces it: LastScan changes (the
# mock's Set sends PropertiesChanged).
_SCANNED = """
self.Set('org.freedesktop.NetworkManager.Device.Wireless', 'LastScan', dbus.Int64(1000))
"""
_ACTIVATE = "ret = self.activate_connection(self, args[0], args[1], args[2])"
_FAIL = """
device = objects['{device}']
device.Set('org.freedesktop.NetworkManager.Device', 'State', dbus.UInt32(120))
device.EmitSignal('org.freedesktop.NetworkManager.Device', 'StateChanged', 'uuu',
                  [dbus.UInt32(120), dbus.UInt32(50), dbus.UInt32({reason})])
ret = dbus.ObjectPath('/org/freedesktop/NetworkManager/ActiveConnection/failed')
"""


def _ip4(address: str, prefix: int, gateway: str) -> dict[str, Variant]:
    data = [{"address": Variant("s", address), "prefix": Variant("u", prefix)}]
    return {"AddressData": Variant("aa{sv}", data), "Gateway": Variant("s", gateway)}


async def _on(bus: Bus, path: str, member: str, signature: str, *body: Any) -> None:
    await mock_call(bus, (NM, path), member, signature, *body)


async def furnish(bus: Bus) -> None:
    """Add eth0 (cable in) and wlan0, their IPv4 configs, and the access points."""
    await mock_call(bus, NM_MOCK, "AddEthernetDevice", "ssi", "eth0", "eth0", 30)
    await mock_call(bus, NM_MOCK, "AddWiFiDevice", "ssi", "wlan0", "wlan0", 30)
    wired = Variant("b", True)
    await mock_call(bus, NM_MOCK, "SetProperty", "sssv", ETH, f"{DEVICE}.Wired", "Carrier", wired)
    for device, name, address in ((ETH, "1", ETH_ADDRESS), (WLAN, "2", WIFI_ADDRESS)):
        config = f"{NM_PATH}/IP4Config/{name}"
        props = _ip4(*address)
        await mock_call(
            bus, NM_MOCK, "AddObject", "ssa{sv}a(ssss)", config, f"{NM}.IP4Config", props, []
        )
        await _on(bus, device, "AddProperty", "ssv", DEVICE, "Ip4Config", Variant("o", config))
        await _on(
            bus,
            device,
            "AddMethod",
            "sssss",
            DEVICE,
            "GetAppliedConnection",
            "u",
            "a{sa{sv}}t",
            _APPLIED,
        )
        await _on(bus, device, "AddMethod", "sssss", DEVICE, "Reapply", "a{sa{sv}}tu", "", "")
    wireless = f"{DEVICE}.Wireless"
    await _on(bus, WLAN, "AddProperty", "ssv", wireless, "LastScan", Variant("x", -1))
    await _on(bus, WLAN, "AddMethod", "sssss", wireless, "RequestScan", "a{sv}", "", _SCANNED)
    for name, (ssid, bssid, frequency, strength, wpa, rsn) in APS.items():
        (path,) = await mock_call(
            bus,
            NM_MOCK,
            "AddAccessPoint",
            "ssssuuuyu",
            WLAN,
            name,
            ssid,
            bssid,
            2,
            frequency,
            54000,
            strength,
            rsn,
        )
        await mock_call(
            bus, NM_MOCK, "SetProperty", "sssv", path, AP, "WpaFlags", Variant("u", wpa)
        )


async def furnish_systemd(bus: Bus) -> None:
    """Give the systemd double the `RestartUnit` its template lacks."""
    await mock_call(
        bus,
        SYSTEMD,
        "AddMethod",
        "sssss",
        f"{SYSTEMD[0]}.Manager",
        "RestartUnit",
        "ss",
        "o",
        "ret = dbus.ObjectPath('/org/freedesktop/systemd1/job/1')",
    )


async def fail_activation(bus: Bus, reason: int) -> None:
    """Make every activation on wlan0 fail with NetworkManager's `reason`."""
    code = _FAIL.format(device=WLAN, reason=reason)
    await mock_call(bus, NM_MOCK, "AddMethod", "sssss", NM, "ActivateConnection", "ooo", "o", code)


async def restore_activation(bus: Bus) -> None:
    """Let activations succeed again."""
    await mock_call(
        bus, NM_MOCK, "AddMethod", "sssss", NM, "ActivateConnection", "ooo", "o", _ACTIVATE
    )
