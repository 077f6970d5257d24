"""`netdata show`: prefixes, routes, services, 6LoWPAN contexts and commissioning data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from ipaddress import IPv6Network

from ._errors import OtCliParseError
from ._parsers import ip6_prefix

__all__ = [
    "CommissioningData",
    "ExternalRoute",
    "LowpanContext",
    "NetworkData",
    "OnMeshPrefix",
    "Service",
    "parse_netdata",
]


@dataclass(frozen=True, slots=True)
class OnMeshPrefix:
    """A `Prefixes:` row: prefix, flags (`paos`...), preference and the publisher's RLOC16."""

    prefix: IPv6Network
    flags: str
    preference: str
    rloc16: int

    @property
    def on_mesh(self) -> bool:
        """Return the `o` flag."""
        return "o" in self.flags

    @property
    def slaac(self) -> bool:
        """Return the `a` flag (stateless address autoconfiguration)."""
        return "a" in self.flags

    @property
    def stable(self) -> bool:
        """Return the `s` flag."""
        return "s" in self.flags


@dataclass(frozen=True, slots=True)
class ExternalRoute:
    """A `Routes:` row: prefix, flags (`s` stable, `n` NAT64, `a` adv PIO), preference, RLOC16."""

    prefix: IPv6Network
    flags: str
    preference: str
    rloc16: int


@dataclass(frozen=True, slots=True)
class Service:
    """A `Services:` row."""

    enterprise_number: int
    service_data: bytes
    server_data: bytes
    stable: bool
    rloc16: int
    service_id: int


@dataclass(frozen=True, slots=True)
class LowpanContext:
    """A `Contexts:` row."""

    prefix: IPv6Network
    context_id: int
    stable: bool
    compress: bool


@dataclass(frozen=True, slots=True)
class CommissioningData:
    """The `Commissioning:` row; None where the network data has no such field (`-`)."""

    session_id: int | None
    border_agent_rloc16: int | None
    joiner_udp_port: int | None
    steering_data: bytes | None
    has_extra_tlv: bool


@dataclass(frozen=True, slots=True)
class NetworkData:
    """The whole of `netdata show`."""

    prefixes: tuple[OnMeshPrefix, ...]
    routes: tuple[ExternalRoute, ...]
    services: tuple[Service, ...]
    contexts: tuple[LowpanContext, ...]
    commissioning: CommissioningData | None

    @property
    def on_mesh_prefix(self) -> OnMeshPrefix | None:
        """Return the first prefix flagged on-mesh (`o`), the network's OMR prefix."""
        return next((p for p in self.prefixes if p.on_mesh), None)


_PREF = r"(high|med|low)"
_PREFIX_ROW = re.compile(rf"^(\S+/\d+)(?: ([padcrosnD]+))? {_PREF} ([0-9a-fA-F]{{4}})$")
_ROUTE_ROW = re.compile(rf"^(\S+/\d+)(?: ([sna]+))? {_PREF} ([0-9a-fA-F]{{4}})$")
_SERVICE_ROW = re.compile(
    r"^(\d+) ((?:[0-9a-fA-F]{2})*) ((?:[0-9a-fA-F]{2})*)( s)? ([0-9a-fA-F]{4}) (\d+)$"
)
_CONTEXT_ROW = re.compile(r"^(\S+/\d+) (\d+) ([sc]+|-)$")
_COMMISSIONING_ROW = re.compile(
    r"^(\d+|-) ([0-9a-fA-F]{4}|-) (\d+|-) ((?:[0-9a-fA-F]{2})+|-)( e)?$"
)
_SECTION = re.compile(r"^([A-Z][A-Za-z ]*):$")


def _row(pattern: re.Pattern[str], line: str, section: str) -> re.Match[str]:
    m = pattern.match(line)
    if m is None:
        raise OtCliParseError(f"netdata show: bad {section} row {line!r}")
    return m


def _prefix(m: re.Match[str]) -> IPv6Network:
    return ip6_prefix(m.group(1), "netdata show")


def _optional(text: str, base: int) -> int | None:
    return None if text == "-" else int(text, base)


def parse_netdata(lines: Sequence[str]) -> NetworkData:
    """Read `netdata show` (also `netdata show local`, which stops after Services)."""
    prefixes: list[OnMeshPrefix] = []
    routes: list[ExternalRoute] = []
    services: list[Service] = []
    contexts: list[LowpanContext] = []
    commissioning: CommissioningData | None = None
    section = None
    for line in lines:
        if (header := _SECTION.match(line)) is not None:
            section = header.group(1)
            continue
        if section == "Prefixes":
            m = _row(_PREFIX_ROW, line, section)
            prefixes.append(
                OnMeshPrefix(
                    _prefix(m),
                    m.group(2) or "",
                    m.group(3),
                    int(m.group(4), 16),
                )
            )
        elif section == "Routes":
            m = _row(_ROUTE_ROW, line, section)
            routes.append(
                ExternalRoute(
                    _prefix(m),
                    m.group(2) or "",
                    m.group(3),
                    int(m.group(4), 16),
                )
            )
        elif section == "Services":
            m = _row(_SERVICE_ROW, line, section)
            services.append(
                Service(
                    enterprise_number=int(m.group(1)),
                    service_data=bytes.fromhex(m.group(2)),
                    server_data=bytes.fromhex(m.group(3)),
                    stable=m.group(4) is not None,
                    rloc16=int(m.group(5), 16),
                    service_id=int(m.group(6)),
                )
            )
        elif section == "Contexts":
            m = _row(_CONTEXT_ROW, line, section)
            flags = m.group(3)
            contexts.append(
                LowpanContext(
                    _prefix(m),
                    int(m.group(2)),
                    "s" in flags,
                    "c" in flags,
                )
            )
        elif section == "Commissioning":
            if commissioning is not None:
                raise OtCliParseError(f"netdata show: second Commissioning row {line!r}")
            m = _row(_COMMISSIONING_ROW, line, section)
            commissioning = CommissioningData(
                session_id=_optional(m.group(1), 10),
                border_agent_rloc16=_optional(m.group(2), 16),
                joiner_udp_port=_optional(m.group(3), 10),
                steering_data=None if m.group(4) == "-" else bytes.fromhex(m.group(4)),
                has_extra_tlv=m.group(5) is not None,
            )
        elif section is None:
            raise OtCliParseError(f"netdata show: {line!r} before the first section")
        # Rows of a section this parser does not know (a newer build) are skipped.
    if section is None:
        raise OtCliParseError(f"netdata show: no sections in {list(lines)!r}")
    return NetworkData(
        tuple(prefixes), tuple(routes), tuple(services), tuple(contexts), commissioning
    )
