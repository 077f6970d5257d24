"""The IPv6 addresses a Thread interface holds, derived like OpenThread derives them."""

from __future__ import annotations

import ipaddress

__all__ = ["ip6_text", "link_local", "multicast_addresses", "rloc_address", "unicast_addresses"]

_LEADER_ALOC = 0xFC00
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


def unicast_addresses(
    *,
    mesh_local: ipaddress.IPv6Network,
    extaddr: bytes,
    ml_eid_iid: bytes,
    rloc16: int | None,
    leader: bool,
) -> list[bytes]:
    """Return the unicast addresses, newest first as OpenThread lists them.

    Link-local and ML-EID come with the interface; the RLOC with attaching; the leader
    adds the leader ALOC.
    """
    addresses = [link_local(extaddr), _prefix(mesh_local) + ml_eid_iid]
    if rloc16 is not None:
        addresses.append(rloc_address(mesh_local, rloc16))
    if leader:
        addresses.append(rloc_address(mesh_local, _LEADER_ALOC))
    return addresses[::-1]


def multicast_addresses(mesh_local: ipaddress.IPv6Network, *, router: bool) -> list[bytes]:
    """Return the multicast groups: all-Thread-nodes, then all-routers for a router."""
    prefix = _prefix(mesh_local)
    groups = [
        bytes.fromhex("ff330040") + prefix + bytes.fromhex("00000001"),
        bytes.fromhex("ff320040") + prefix + bytes.fromhex("00000001"),
    ]
    scoped = ("ff02", "ff03")
    if router:
        groups += [bytes.fromhex(s) + bytes(13) + b"\x02" for s in scoped]
    groups += [bytes.fromhex(s) + bytes(13) + b"\x01" for s in scoped]
    groups.append(bytes.fromhex("ff03") + bytes(13) + b"\xfc")
    return groups
