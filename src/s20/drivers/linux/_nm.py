"""NetworkManager over D-Bus: devices, their IPv4 state, and the profiles s20d owns.

s20d keeps one connection profile per interface use (Ethernet, each Wi-Fi network), made
with `Settings.AddConnection`, changed in place with `Update`, and started with
`ActivateConnection`: a network joined twice does not pile up profiles. Its profiles
are marked as its own twice over: the id starts with `s20-`, and the `user` setting
(NetworkManager 1.8 and later) holds `s20.owner=s20d`. Profiles a person made are never
changed or deleted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dbus_fast import Message, unpack_variants

from s20.drivers.network import Address, IpConfig

from ._bus import Bus, BusError, Variant

__all__ = [
    "NM",
    "OWNER_KEY",
    "PROFILE_PREFIX",
    "DeviceState",
    "NetworkManager",
    "Profile",
    "holds",
    "ipv4_settings",
    "owned",
    "unpacked",
]

NM = "org.freedesktop.NetworkManager"
NM_PATH = "/org/freedesktop/NetworkManager"
SETTINGS_PATH = "/org/freedesktop/NetworkManager/Settings"
DEVICE = f"{NM}.Device"
CONNECTION = f"{NM}.Settings.Connection"
PROFILE_PREFIX = "s20-"
OWNER_KEY = "s20.owner"
OWNER = "s20d"
NO_OBJECT = "/"


class DeviceState:
    """NMDeviceState values the drivers act on."""

    ACTIVATED = 100
    FAILED = 120


@dataclass(frozen=True)
class Profile:
    """A connection profile s20d made: its object path and settings."""

    path: str
    settings: dict[str, dict[str, Any]]

    @property
    def id(self) -> str:
        return str(self.settings.get("connection", {}).get("id", ""))


def _prefix(netmask: str) -> int:
    return ipaddress.IPv4Network(f"0.0.0.0/{netmask}").prefixlen


def ipv4_settings(config: IpConfig, metric: int | None = None) -> dict[str, Variant]:
    """Return the `ipv4` setting for `config`: method `auto`, or `manual` with its address."""
    setting: dict[str, Variant] = {"method": Variant("s", "auto")}
    if config.protocol == "static" and config.ipv4 is not None:
        static = config.ipv4
        address = {
            "address": Variant("s", static.ip),
            "prefix": Variant("u", _prefix(static.netmask)),
        }
        setting = {
            "method": Variant("s", "manual"),
            "address-data": Variant("aa{sv}", [address]),
            "gateway": Variant("s", static.gateway),
        }
    if metric is not None:
        setting["route-metric"] = Variant("x", metric)
    return setting


def connection_setting(name: str, kind: str, iface: str, *, autoconnect: bool) -> dict[str, Any]:
    """Return the `connection` and `user` settings of a profile s20d owns."""
    return {
        "connection": {
            "id": Variant("s", PROFILE_PREFIX + name),
            "type": Variant("s", kind),
            "interface-name": Variant("s", iface),
            "autoconnect": Variant("b", autoconnect),
        },
        "user": {"data": Variant("a{ss}", {OWNER_KEY: OWNER})},
    }


def owned(settings: dict[str, dict[str, Any]]) -> bool:
    """Return whether unpacked connection settings are of a profile s20d made."""
    connection_id = str(settings.get("connection", {}).get("id", ""))
    data = settings.get("user", {}).get("data", {})
    return connection_id.startswith(PROFILE_PREFIX) and data.get(OWNER_KEY) == OWNER


def _netmask(prefix: int) -> str:
    return str(ipaddress.IPv4Network(f"0.0.0.0/{prefix}").netmask)


class NetworkManager:
    """The calls the Ethernet, Wi-Fi and route drivers make to NetworkManager."""

    def __init__(self, bus: Bus) -> None:
        self.bus = bus

    async def call(
        self, path: str, interface: str, member: str, signature: str = "", *body: Any
    ) -> list[Any]:
        """Call a NetworkManager method."""
        return await self.bus.call(NM, path, interface, member, signature, body)

    async def prop(self, path: str, interface: str, name: str) -> Any:
        """Return a NetworkManager object's property."""
        return await self.bus.get(NM, path, interface, name)

    async def device(self, iface: str) -> str:
        """Return the object path of the device named `iface`."""
        (path,) = await self.call(NM_PATH, NM, "GetDeviceByIpIface", "s", iface)
        return str(path)

    async def state(self, device: str) -> tuple[int, int]:
        """Return a device's state and the reason it entered it."""
        state, reason = await self.prop(device, DEVICE, "StateReason")
        return int(state), int(reason)

    async def address(self, device: str) -> Address | None:
        """Return the IPv4 (and IPv6) address an activated device holds, or None."""
        if (await self.state(device))[0] != DeviceState.ACTIVATED:
            return None
        config = await self._config(device, "Ip4Config", "IP4Config")
        data = config.get("AddressData") or []
        if not data:
            return None
        first = data[0]
        ipv6 = await self._config(device, "Ip6Config", "IP6Config")
        global6 = [
            a["address"] for a in ipv6.get("AddressData") or [] if a.get("prefix", 128) < 128
        ]
        return Address(
            ip=str(first["address"]),
            gateway=str(config.get("Gateway", "")),
            netmask=_netmask(int(first.get("prefix", 24))),
            ipv6=str(global6[0]) if global6 else "",
        )

    async def _config(self, device: str, name: str, interface: str) -> dict[str, Any]:
        try:
            path = await self.prop(device, DEVICE, name)
        except BusError:
            return {}
        if not path or path == NO_OBJECT:
            return {}
        return await self.bus.get_all(NM, path, f"{NM}.{interface}")

    async def profiles(self) -> list[Profile]:
        """Return the connection profiles s20d made."""
        (paths,) = await self.call(SETTINGS_PATH, f"{NM}.Settings", "ListConnections")
        mine = []
        for path in paths:
            try:
                (settings,) = await self.call(path, CONNECTION, "GetSettings")
            except BusError:
                continue  # removed since the list was made
            plain = unpacked(settings)
            if owned(plain):
                mine.append(Profile(path, plain))
        return mine

    async def profile(self, name: str) -> Profile | None:
        """Return s20d's profile `s20-NAME`, if it exists."""
        wanted = PROFILE_PREFIX + name
        return next((p for p in await self.profiles() if p.id == wanted), None)

    async def save(self, name: str, settings: dict[str, Any]) -> str:
        """Store `settings` as s20d's profile `s20-NAME` (updated in place if it exists)."""
        existing = await self.profile(name)
        if existing is not None:
            await self.call(existing.path, CONNECTION, "Update", "a{sa{sv}}", settings)
            return existing.path
        (path,) = await self.call(
            SETTINGS_PATH, f"{NM}.Settings", "AddConnection", "a{sa{sv}}", settings
        )
        return str(path)

    async def delete(self, name: str) -> None:
        """Delete s20d's profile `s20-NAME`, if it exists."""
        existing = await self.profile(name)
        if existing is not None:
            await self.call(existing.path, CONNECTION, "Delete")

    async def activate(self, profile: str, device: str, specific: str = NO_OBJECT) -> str:
        """Start `profile` on `device`; return the active connection's path."""
        (active,) = await self.call(
            NM_PATH, NM, "ActivateConnection", "ooo", profile, device, specific
        )
        return str(active)

    async def active_profile(self, device: str) -> str | None:
        """Return the path of the profile active on `device`, if any."""
        active = await self.prop(device, DEVICE, "ActiveConnection")
        if not active or active == NO_OBJECT:
            return None
        return str(await self.prop(active, f"{NM}.Connection.Active", "Connection"))

    async def deactivate(self, device: str) -> None:
        """Take down whatever connection `device` has (nothing when it has none)."""
        active = await self.prop(device, DEVICE, "ActiveConnection")
        if active and active != NO_OBJECT:
            await self.call(NM_PATH, NM, "DeactivateConnection", "o", active)

    async def on_state(
        self, device: str, handler: Callable[[int, int, int], None]
    ) -> Callable[[], None]:
        """Call `handler(new, old, reason)` on each `StateChanged` of `device`."""

        def deliver(message: Message) -> None:
            new, old, reason = message.body
            handler(int(new), int(old), int(reason))

        return await self.bus.subscribe(
            deliver, sender=NM, path=device, interface=DEVICE, member="StateChanged"
        )

    async def on_any_state(self, handler: Callable[[str, int, int], None]) -> Callable[[], None]:
        """Call `handler(device, new, old)` on each `StateChanged` of any device.

        Device paths are NetworkManager's numbering, made anew when it restarts: a
        watcher that must outlive a restart matches the device when the signal comes.
        """

        def deliver(message: Message) -> None:
            new, old, _reason = message.body
            handler(str(message.path), int(new), int(old))

        return await self.bus.subscribe(deliver, sender=NM, interface=DEVICE, member="StateChanged")


def holds(stored: dict[str, dict[str, Any]], name: str, values: dict[str, Variant]) -> bool:
    """Return whether a stored (unpacked) profile has every value given of setting `name`.

    NetworkManager answers with more keys than s20d sets; only the given ones count.
    """
    held = stored.get(name, {})
    return all(held.get(key) == value for key, value in unpack_variants(values).items())


def unpacked(settings: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return connection settings with their variants unpacked."""
    return {name: unpack_variants(values) for name, values in settings.items()}
