"""On-mesh prefixes and external routes: what a border router puts in the network data."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

__all__ = [
    "FLAG_LETTERS",
    "PREFERENCES",
    "ROUTE_FLAG_LETTERS",
    "ExternalRoute",
    "OnMeshPrefix",
    "prefix_text",
]

# The flag letters in the order OpenThread prints them, with their Border Router TLV bits
# (first flag byte, then second); `s` (stable) is the TLV's stable bit instead.
FLAG_LETTERS = "padcrosnD"
_BITS: dict[str, tuple[int, int]] = {
    "p": (0, 0x20),
    "a": (0, 0x10),
    "d": (0, 0x08),
    "c": (0, 0x04),
    "r": (0, 0x02),
    "o": (0, 0x01),
    "n": (1, 0x80),
    "D": (1, 0x40),
}
# External route flags in OpenThread's order: stable, NAT64, advertised PIO (`sa`), with
# their Has Route TLV bits (`s` is the TLV's stable bit).
ROUTE_FLAG_LETTERS = "sna"
_ROUTE_BITS = {"n": 0x20, "a": 0x10}
# Route preference names and their two-bit encoding (high 01, medium 00, low 11).
PREFERENCES = {"high": 0b01, "med": 0b00, "low": 0b11}


def prefix_text(prefix: ipaddress.IPv6Network) -> str:
    """Return a prefix as OpenThread prints it: the words it covers in full, then `::/len`.

    `fd00:1:0:0::/64` and `fc00::/7`, where Python would write `fd00:1::/64`; an empty
    prefix is `::/0`.
    """
    size = (prefix.prefixlen + 7) // 8
    packed = prefix.network_address.packed
    words = [f"{int.from_bytes(packed[i : i + 2], 'big'):x}" for i in range(0, size, 2)]
    tail = "::" if size < 15 else ""
    return ":".join(words) + f"{tail}/{prefix.prefixlen}"


@dataclass(frozen=True, slots=True)
class OnMeshPrefix:
    """One on-mesh prefix with its flags (letters of `FLAG_LETTERS`) and preference."""

    prefix: ipaddress.IPv6Network
    flags: frozenset[str] = frozenset()
    preference: str = "med"

    @property
    def flags_text(self) -> str:
        """Return the flags as OpenThread prints them (`paos`); empty for none."""
        return "".join(c for c in FLAG_LETTERS if c in self.flags)

    @property
    def stable(self) -> bool:
        """Tell whether the prefix goes into stable network data."""
        return "s" in self.flags

    def line(self, rloc16: int) -> str:
        """Return the `prefix` / `netdata show` row for this prefix published by `rloc16`."""
        # As OpenThread's OutputPrefix: no flags, no flags field.
        flags = f" {self.flags_text}" if self.flags_text else ""
        return f"{prefix_text(self.prefix)}{flags} {self.preference} {rloc16:04x}"

    def tlv(self, rloc16: int, context_id: int) -> bytes:
        """Return the Prefix TLV: the prefix, a Border Router entry and its 6LoWPAN context."""
        flags = bytearray(2)
        for letter in self.flags:
            if letter in _BITS:
                index, bit = _BITS[letter]
                flags[index] |= bit
        flags[0] |= PREFERENCES[self.preference] << 6
        stable = int(self.stable)
        length = self.prefix.prefixlen
        border_router = rloc16.to_bytes(2, "big") + bytes(flags)
        context = bytes((0x10 | context_id, length))
        body = (
            bytes((0, length))
            + self.prefix.network_address.packed[: (length + 7) // 8]
            + bytes((2 << 1 | stable, len(border_router)))
            + border_router
            + bytes((3 << 1 | stable, len(context)))
            + context
        )
        return bytes((1 << 1 | stable, len(body))) + body


@dataclass(frozen=True, slots=True)
class ExternalRoute:
    """One external route (letters of `ROUTE_FLAG_LETTERS`) with its preference."""

    prefix: ipaddress.IPv6Network
    flags: frozenset[str] = frozenset()
    preference: str = "med"

    def line(self, rloc16: int) -> str:
        """Return the `route` / `netdata show` row for this route published by `rloc16`."""
        flags = "".join(c for c in ROUTE_FLAG_LETTERS if c in self.flags)
        text = f" {flags}" if flags else ""
        return f"{prefix_text(self.prefix)}{text} {self.preference} {rloc16:04x}"

    def tlv(self, rloc16: int) -> bytes:
        """Return the Prefix TLV holding this route as a Has Route entry of `rloc16`."""
        flags = PREFERENCES[self.preference] << 6
        for letter, bit in _ROUTE_BITS.items():
            if letter in self.flags:
                flags |= bit
        stable = int("s" in self.flags)
        length = self.prefix.prefixlen
        has_route = rloc16.to_bytes(2, "big") + bytes((flags,))
        body = (
            bytes((0, length))
            + self.prefix.network_address.packed[: (length + 7) // 8]
            + bytes((0 << 1 | stable, len(has_route)))
            + has_route
        )
        return bytes((1 << 1 | stable, len(body))) + body
