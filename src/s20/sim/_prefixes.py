"""On-mesh prefixes: what `prefix add` configures and the network data then carries."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

__all__ = ["FLAG_LETTERS", "PREFERENCES", "OnMeshPrefix"]

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
# Route preference names and their two-bit encoding (high 01, medium 00, low 11).
PREFERENCES = {"high": 0b01, "med": 0b00, "low": 0b11}


@dataclass(frozen=True, slots=True)
class OnMeshPrefix:
    """One on-mesh prefix with its flags (letters of `FLAG_LETTERS`) and preference."""

    prefix: ipaddress.IPv6Network
    flags: frozenset[str] = frozenset()
    preference: str = "med"

    @property
    def flags_text(self) -> str:
        """Return the flags as OpenThread prints them (`paos`), or `-` for none."""
        return "".join(c for c in FLAG_LETTERS if c in self.flags) or "-"

    @property
    def stable(self) -> bool:
        """Tell whether the prefix goes into stable network data."""
        return "s" in self.flags

    def line(self, rloc16: int) -> str:
        """Return the `prefix` / `netdata show` row for this prefix published by `rloc16`."""
        return f"{self.prefix.compressed} {self.flags_text} {self.preference} {rloc16:04x}"

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
