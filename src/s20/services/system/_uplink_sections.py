"""The uplink sections of the configuration document, on the network and failover services.

They are exported from what the services hold, checked with the very rules `/eth`,
`/wifi` and `/wan_failover` apply, stored where the services read them, and then used by
the running services: the Wi-Fi reconnects, the Ethernet takes its IP settings, the
failover engine probes anew.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from s20.clock import Clock
from s20.drivers import Interface, Ipv4Static
from s20.drivers.network import IpProtocol
from s20.drivers.rules import check_auth_mode
from s20.errors import InvalidParams
from s20.services.failover import (
    CheckChange,
    FailoverConfig,
    FailoverEngine,
    store_failover_in,
    stored_failover,
    use_failover,
)
from s20.services.network import (
    MAX_SAVED,
    EthConfig,
    NetworkService,
    NetworkSettings,
    WifiNetwork,
    check_ip_config,
    check_wifi_network,
)
from s20.services.thread import checked
from s20.store import Database, Transaction

from ._fields import Fields
from ._sections import on_off

__all__ = ["UplinkSections"]

# The fields of a Wi-Fi network as `/wifi/start` names them, so as its rules name them.
_WIFI_FIELDS = ("ssid", "auth_mode", "pwd", "lock_bssid", "bssid", "ipv4")
_IFACES: tuple[Interface, ...] = ("eth", "wifi")


def _renamed(message: str, names: Mapping[str, str]) -> str:
    """Return a rule's message with the fields it names (before any `got` value) renamed."""
    head, got, value = message.partition(", got ")
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    head = re.sub(rf"(?<![\w.])({pattern})(?!\w)", lambda m: names[m[1]], head)
    return head + got + value


@contextlib.contextmanager
def _named(names: Mapping[str, str]) -> Iterator[None]:
    """Name the fields of a broken network or failover rule by their place in the document.

    Those rules name a field as its own request does (`pwd`, `ipv4.gateway`,
    `priority.eth`); the document holds it elsewhere (`wifi_saved.list[1].pwd`,
    `eth_dhcp_cfg.static_ipv4.gateway`, `eth_failover_cfg.priority`).
    """
    try:
        yield
    except InvalidParams as exc:
        raise InvalidParams(_renamed(exc.err_msg, names)) from None


def _ipv4(fields: Fields) -> Ipv4Static:
    return Ipv4Static(fields.string("ip"), fields.string("netmask"), fields.string("gateway"))


def _protocol(dhcp: bool) -> IpProtocol:
    return "dhcp" if dhcp else "static"


def _saved_network(fields: Fields) -> WifiNetwork:
    """Check one `wifi_saved.list` entry as `/wifi/start` checks a network."""
    with _named({name: fields.name(name) for name in _WIFI_FIELDS}):
        return check_wifi_network(
            fields.string("ssid"),
            fields.number("auth_mode"),
            fields.string("pwd"),
            fields.boolean("lock_bssid"),
            fields.string("bssid") or None,
            _protocol(fields.boolean("dhcp")),
            _ipv4(fields.obj("ipv4")),
        )


def _saved(document: Fields) -> tuple[WifiNetwork, ...]:
    """Check `wifi_saved`: at most as many networks as the device saves, no two alike."""
    fields = document.obj("wifi_saved")
    networks: list[WifiNetwork] = []
    for n, entry in enumerate(fields.array("list", MAX_SAVED)):
        network = _saved_network(Fields(entry, f"{fields.name('list')}[{n}]"))
        if network.key in {saved.key for saved in networks}:
            raise InvalidParams(
                f"{fields.name('list')}[{n}] repeats the ssid and auth_mode of an entry before it"
            )
        networks.append(network)
    return tuple(networks)


def _eth(document: Fields) -> EthConfig:
    """Check `eth_dhcp_cfg`; static settings given with DHCP on are kept, as `/eth` keeps them."""
    fields = document.obj("eth_dhcp_cfg")
    dhcp = fields.boolean("enable")
    given = _ipv4(fields.obj("static_ipv4"))
    if dhcp and given == Ipv4Static("", "", ""):
        return EthConfig("dhcp", None)
    with _named({"ipv4": fields.name("static_ipv4")}):
        static = check_ip_config("static", given).ipv4
    return EthConfig(_protocol(dhcp), static)


def _wifi(document: Fields, current: NetworkSettings) -> tuple[WifiNetwork | None, bool]:
    """Check `wifi_cfg` and `wifi_dhcp_cfg` together: they are one network's settings."""
    network, on = current.wifi, current.wifi_on
    static: Ipv4Static | None
    if document.has("wifi_dhcp_cfg"):
        dhcp_cfg = document.obj("wifi_dhcp_cfg")
        dhcp, static = dhcp_cfg.boolean("enable"), _ipv4(dhcp_cfg.obj("static_ipv4"))
    else:
        ip = network.ip if network else None
        dhcp, static = ip is None or ip.protocol == "dhcp", ip.ipv4 if ip else None
    if document.has("wifi_cfg"):
        cfg = document.obj("wifi_cfg")
        on = cfg.rule("wifi_on_off", on_off)
        ssid, auth_mode, pwd = cfg.string("ssid"), cfg.number("authmode"), cfg.string("password")
        lock_bssid, bssid = cfg.boolean("lock_bssid"), cfg.string("bssid") or None
    elif network is not None:
        ssid, auth_mode, pwd = network.ssid, network.auth_mode, network.pwd
        lock_bssid, bssid = network.lock_bssid, network.bssid or None
    else:
        ssid, auth_mode, pwd, lock_bssid, bssid = "", 0, "", False, None
    names = {
        "ssid": "wifi_cfg.ssid",
        "auth_mode": "wifi_cfg.authmode",
        "pwd": "wifi_cfg.password",
        "lock_bssid": "wifi_cfg.lock_bssid",
        "bssid": "wifi_cfg.bssid",
        "ipv4": "wifi_dhcp_cfg.static_ipv4",
    }
    with _named(names):
        if not on and not ssid:
            # No network, so nothing to lock to, no password and no static settings to
            # keep; a mode or settings the device would never take are still refused.
            checked("auth_mode", check_auth_mode, auth_mode)
            check_ip_config(_protocol(dhcp), static)
            return None, False
        protocol = _protocol(dhcp)
        return check_wifi_network(ssid, auth_mode, pwd, lock_bssid, bssid, protocol, static), on


def _check_change(fields: Fields) -> CheckChange:
    return CheckChange(
        enable=fields.boolean("check"),
        check_interval=fields.number("check_interval"),
        check_success_time=fields.number("check_success_time"),
        check_fail_time=fields.number("check_fail_time"),
        check_ipv4=fields.strings("check_ipv4"),
        check_ipv6=fields.strings("check_ipv6"),
    )


def _failover(document: Fields, current: FailoverConfig) -> FailoverConfig:
    """Check `eth_failover_cfg` and `wifi_failover_cfg` as `/wan_failover/set_config` does."""
    checks = {iface: current.check(iface) for iface in _IFACES}
    priorities: dict[Interface, int | None] = dict.fromkeys(_IFACES)
    for iface in _IFACES:
        section = f"{iface}_failover_cfg"
        if document.has(section):
            fields = document.obj(section)
            checks[iface] = _check_change(fields).applied_to(section, checks[iface])
            priorities[iface] = fields.number("priority")
    config = replace(current, eth=checks["eth"], wifi=checks["wifi"])
    with _named({f"priority.{i}": f"{i}_failover_cfg.priority" for i in _IFACES}):
        return config.with_priority(priorities["eth"], priorities["wifi"])


@dataclass(frozen=True)
class _Uplinks:
    network: NetworkSettings
    failover: FailoverConfig


class UplinkSections:
    """`wifi_cfg`, the failover sections, the DHCP sections and `wifi_saved`."""

    names = (
        "wifi_cfg",
        "eth_failover_cfg",
        "wifi_failover_cfg",
        "eth_dhcp_cfg",
        "wifi_dhcp_cfg",
        "wifi_saved",
    )

    def __init__(
        self, db: Database, clock: Clock, network: NetworkService, failover: FailoverEngine
    ) -> None:
        self._db = db
        self._clock = clock
        self._network = network
        self._failover = failover

    def export(self) -> dict[str, Any]:
        sections = {**self._network.export_config(), **self._failover.config.export_sections()}
        return {name: sections[name] for name in self.names}

    def validate(self, document: Fields) -> _Uplinks:
        current = self.snapshot()
        wifi, wifi_on = _wifi(document, current.network)
        network = NetworkSettings(
            eth=_eth(document) if document.has("eth_dhcp_cfg") else current.network.eth,
            wifi=wifi,
            wifi_on=wifi_on,
            saved=_saved(document) if document.has("wifi_saved") else current.network.saved,
        )
        return _Uplinks(network, _failover(document, current.failover))

    def snapshot(self) -> _Uplinks:
        return _Uplinks(NetworkSettings.read(self._network.store), self._failover.config)

    def store(self, tx: Transaction, value: _Uplinks) -> None:
        value.network.store_in(tx, int(self._clock.time()))
        store_failover_in(tx, value.failover)

    async def apply(self) -> None:
        await NetworkSettings.read(self._network.store).apply(self._network)
        await use_failover(self._failover, stored_failover(self._db))
