"""The WAN failover configuration: what to probe on each interface, how often, priorities."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from s20.drivers import Interface
from s20.drivers.rules import check_ipv4, check_ipv6
from s20.errors import InvalidParams
from s20.services.thread import checked

__all__ = [
    "CHECK_RANGES",
    "IFACES",
    "MAX_CHECK_ADDRESSES",
    "PRIORITY_MAX",
    "PRIORITY_MIN",
    "CheckChange",
    "FailoverConfig",
    "IfaceCheck",
]

IFACES: tuple[Interface, ...] = ("eth", "wifi")
MAX_CHECK_ADDRESSES = 3
# Field: (low, high) for the integer settings of each interface.
CHECK_RANGES = {
    "check_interval": (1, 60),
    "check_success_time": (1, 10),
    "check_fail_time": (1, 10),
}
PRIORITY_MIN, PRIORITY_MAX = 1, 10


@dataclass(frozen=True)
class IfaceCheck:
    """The probes of one interface: on or off, every how many minutes, to which addresses."""

    enable: bool = False
    check_interval: int = 1
    check_success_time: int = 3
    check_fail_time: int = 3
    check_ipv4: tuple[str, ...] = ("1.1.1.1", "8.8.8.8")
    check_ipv6: tuple[str, ...] = ("2606:4700:4700::1111",)

    @property
    def probed(self) -> bool:
        """Return whether this interface is checked at all (on, with an address to ping)."""
        return self.enable and bool(self.check_ipv4 or self.check_ipv6)

    @property
    def addresses(self) -> tuple[str, ...]:
        """Return every check address."""
        return self.check_ipv4 + self.check_ipv6

    def to_json(self) -> dict[str, Any]:
        """Return the `/wan_failover/get_config` form."""
        return {
            "enable": self.enable,
            "check_interval": self.check_interval,
            "check_success_time": self.check_success_time,
            "check_fail_time": self.check_fail_time,
            "check_ipv4": list(self.check_ipv4),
            "check_ipv6": list(self.check_ipv6),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IfaceCheck:
        """Read the stored form back."""
        return cls(
            enable=data["enable"],
            check_interval=data["check_interval"],
            check_success_time=data["check_success_time"],
            check_fail_time=data["check_fail_time"],
            check_ipv4=tuple(data["check_ipv4"]),
            check_ipv6=tuple(data["check_ipv6"]),
        )


@dataclass(frozen=True)
class CheckChange:
    """The fields of one interface in `/wan_failover/set_config`; None means "keep"."""

    enable: bool | None = None
    check_interval: int | None = None
    check_success_time: int | None = None
    check_fail_time: int | None = None
    check_ipv4: list[str] | None = None
    check_ipv6: list[str] | None = None

    def applied_to(self, iface: str, current: IfaceCheck) -> IfaceCheck:
        """Return `current` with this change, every field checked (-32602 naming it)."""
        changes: dict[str, Any] = {}
        if self.enable is not None:
            changes["enable"] = self.enable
        for name, (low, high) in CHECK_RANGES.items():
            value = getattr(self, name)
            if value is not None:
                if not low <= value <= high:
                    raise InvalidParams(f"{iface}.{name} must be an integer from {low} to {high}")
                changes[name] = value
        for name, rule in (("check_ipv4", check_ipv4), ("check_ipv6", check_ipv6)):
            addresses = getattr(self, name)
            if addresses is not None:
                changes[name] = _addresses(f"{iface}.{name}", rule, addresses)
        return replace(current, **changes)


def _addresses(key: str, rule: Any, addresses: list[str]) -> tuple[str, ...]:
    if len(addresses) > MAX_CHECK_ADDRESSES:
        raise InvalidParams(f"{key} must list at most {MAX_CHECK_ADDRESSES} addresses")
    return tuple(checked(f"{key}[{i}]", rule, a) for i, a in enumerate(addresses))


@dataclass(frozen=True)
class FailoverConfig:
    """Both interfaces' checks and their priorities (the smaller number wins)."""

    eth: IfaceCheck = field(default_factory=IfaceCheck)
    wifi: IfaceCheck = field(default_factory=IfaceCheck)
    priority_eth: int = 1
    priority_wifi: int = 2

    def check(self, iface: Interface) -> IfaceCheck:
        """Return the checks of `iface`."""
        return self.eth if iface == "eth" else self.wifi

    def priority(self, iface: Interface) -> int:
        """Return the priority number of `iface`."""
        return self.priority_eth if iface == "eth" else self.priority_wifi

    def with_priority(self, eth: int | None, wifi: int | None) -> FailoverConfig:
        """Return this config with new priorities: each 1-10, the two distinct."""
        new_eth = self.priority_eth if eth is None else eth
        new_wifi = self.priority_wifi if wifi is None else wifi
        for name, value in (("priority.eth", new_eth), ("priority.wifi", new_wifi)):
            if not PRIORITY_MIN <= value <= PRIORITY_MAX:
                raise InvalidParams(
                    f"{name} must be an integer from {PRIORITY_MIN} to {PRIORITY_MAX}"
                )
        if new_eth == new_wifi:
            raise InvalidParams("priority.eth and priority.wifi must differ")
        return replace(self, priority_eth=new_eth, priority_wifi=new_wifi)

    def to_json(self) -> dict[str, Any]:
        """Return the `/wan_failover/get_config` form (also what is stored)."""
        return {
            "eth": self.eth.to_json(),
            "wifi": self.wifi.to_json(),
            "priority": {"eth": self.priority_eth, "wifi": self.priority_wifi},
        }

    @classmethod
    def from_json(cls, data: Any) -> FailoverConfig:
        """Read the stored form back (the defaults when nothing is stored)."""
        if not data:
            return cls()
        return cls(
            IfaceCheck.from_json(data["eth"]),
            IfaceCheck.from_json(data["wifi"]),
            data["priority"]["eth"],
            data["priority"]["wifi"],
        )

    def export_sections(self) -> dict[str, Any]:
        """Return `eth_failover_cfg` and `wifi_failover_cfg` of `/sys/export_sys_config`."""
        sections: dict[str, Any] = {}
        for iface in IFACES:
            data = self.check(iface).to_json()
            data["check"] = data.pop("enable")
            sections[f"{iface}_failover_cfg"] = {**data, "priority": self.priority(iface)}
        return sections
