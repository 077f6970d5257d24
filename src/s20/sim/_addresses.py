"""The IPv6 addresses a Thread interface holds, derived like OpenThread derives them."""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Sequence

__all__ = [
    "ip6_text",
    "link_local",
    "multicast_addresses",
    "rloc_address",
    "slaac_address",
    "unicast_addresses",
]

_LEADER_ALOC = 0xFC00
# A service's anycast locator: 0xfc10 plus its service ID.
_SERVICE_ALOC = 0xFC10
_RLOC_IID = bytes.fromhex("000000fffe00")


def ip6_text(address: bytes) -> str:
    """Return an address as OpenThread prints it: eight groups in hex, no `::`."""
    return ":".join(f"{int.from_bytes(address[i : i + 2], 'big'):x}" for i in range(0, 16, 2))


def _prefix(mesh_local: ipaddress.IPv6Network) -> bytes:
    return mesh_local.network_address.packed[:8]


def link_local(extaddr: bytes) -> bytes:
    """Return fe80::/64 with the extended address as IID, its U/L bit flipped."""
    return bytes.fromhex("fe80000000000000") + bytes((extaddr[0] ^ 0x02,)) + extaddr[1:]


def rloc_address(mesh_local: ipaddress.IPv6Network, rloc16: int) -> bytes:
    """Return the routing locator: mesh-local prefix, 0:ff:fe00, RLOC16."""
    return _prefix(mesh_local) + _RLOC_IID + rloc16.to_bytes(2, "big")


def slaac_address(prefix: ipaddress.IPv6Network, secret: bytes) -> bytes:
    """Return the SLAAC address for an on-mesh /64: a stable, opaque IID (RFC 7217)."""
    network = prefix.network_address.packed[:8]
    return network + hashlib.sha256(network + secret).digest()[:8]


def unicast_addresses(
    *,
    mesh_local: ipaddress.IPv6Network,
    extaddr: bytes,
    ml_eid_iid: bytes,
    rloc16: int | None,
    leader: bool,
    slaac: Sequence[bytes] = (),
    service_ids: Sequence[int] = (),
) -> list[bytes]:
    """Return the unicast addresses, newest first as OpenThread lists them.

    Link-local and ML-EID come with the interface; the RLOC with attaching; the leader
    adds the leader ALOC; then come the SLAAC addresses of the network data's on-mesh
    prefixes and an ALOC per service the node serves (11_otbr_agent_otctl.txt:188-193).
    """
    addresses = [link_local(extaddr), _prefix(mesh_local) + ml_eid_iid]
    if rloc16 is not None:
        addresses.append(rloc_address(mesh_local, rloc16))
    if leader:
        addresses.append(rloc_address(mesh_local, _LEADER_ALOC))
    addresses += slaac
    addresses += [rloc_address(mesh_local, _SERVICE_ALOC + i) for i in service_ids]
    return addresses[::-1]


def multicast_addresses(
    mesh_local: ipaddress.IPv6Network, *, router: bool, host: bool = False
) -> list[bytes]:
    """Return the multicast groups: all-Thread-nodes, then all-routers for a router.

    On a POSIX host (`host`), the kernel also subscribes the interface to all MLDv2
    routers, ff02::16 (11_otbr_agent_otctl.txt:210).
    """
    prefix = _prefix(mesh_local)
    groups = [
        bytes.fromhex("ff330040") + prefix + bytes.fromhex("00000001"),
        bytes.fromhex("ff320040") + prefix + bytes.fromhex("00000001"),
    ]
    if host:
        groups.append(bytes.fromhex("ff02") + bytes(13) + b"\x16")
    scoped = ("ff02", "ff03")
    if router:
        groups += [bytes.fromhex(s) + bytes(13) + b"\x02" for s in scoped]
    groups += [bytes.fromhex(s) + bytes(13) + b"\x01" for s in scoped]
    groups.append(bytes.fromhex("ff03") + bytes(13) + b"\xfc")
    return groups
