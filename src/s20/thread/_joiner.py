"""Joiner IDs, joiner discerners and the steering data Bloom filter (MeshCoP)."""

from __future__ import annotations

import enum
import hashlib
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ._errors import RuleError

__all__ = [
    "WILDCARD",
    "JoinerDiscerner",
    "Wildcard",
    "joiner_id",
    "steering_data",
    "steering_data_contains",
]

_LOCAL_BIT = 0x02  # the IEEE "locally administered" bit of an extended address's first byte
_CRC16_CCITT = 0x1021
_CRC16_ANSI = 0x8005
_PERMIT_ALL = b"\xff"  # what OpenThread's commissioner publishes for a "*" joiner
_MAX_STEERING_LENGTH = 16


class Wildcard(enum.Enum):
    """The type of `WILDCARD`: a joiner entry that admits any joiner ("*")."""

    WILDCARD = "*"


WILDCARD: Final = Wildcard.WILDCARD


def _check_id(value: object, what: str = "joiner ID") -> bytes:
    if not isinstance(value, bytes | bytearray) or len(value) != 8:
        raise RuleError(f"{what} must be 8 bytes, got {value!r}")
    return bytes(value)


def joiner_id(eui64: bytes) -> bytes:
    """Return the joiner ID of an EUI-64: SHA-256's first 8 bytes, locally administered."""
    digest = hashlib.sha256(_check_id(eui64, "EUI-64")).digest()
    return bytes((digest[0] | _LOCAL_BIT,)) + digest[1:8]


@dataclass(frozen=True, slots=True)
class JoinerDiscerner:
    """A joiner discerner: the low `bit_length` bits (1-64) of a joiner ID, here `value`."""

    value: int
    bit_length: int

    def __post_init__(self) -> None:
        for name in ("value", "bit_length"):
            if isinstance(getattr(self, name), bool) or not isinstance(getattr(self, name), int):
                raise RuleError(f"discerner {name} must be an integer")
        if not 1 <= self.bit_length <= 64:
            raise RuleError(f"discerner bit length must be 1-64, got {self.bit_length}")
        if not 0 <= self.value < 1 << self.bit_length:
            raise RuleError(
                f"discerner value 0x{self.value:x} does not fit in {self.bit_length} bits"
            )

    @classmethod
    def parse(cls, text: str) -> JoinerDiscerner:
        """Parse the CLI form "0xabc/12" (the value may also be decimal)."""
        value_text, sep, length_text = text.strip().partition("/")
        try:
            if not sep:
                raise ValueError(text)
            base = 16 if value_text[:2].lower() == "0x" else 10
            value, bit_length = int(value_text, base), int(length_text, 10)
        except ValueError:
            raise RuleError(f"discerner must look like 0xabc/12, got {text!r}") from None
        return cls(value, bit_length)

    def __str__(self) -> str:
        return f"0x{self.value:x}/{self.bit_length}"

    @property
    def joiner_id(self) -> bytes:
        """Return the ID OpenThread hashes into steering data for this discerner.

        That is the discerner in the low bits and zeros above it, without the local bit
        (`SteeringData::CalculateHashBitIndexes(const JoinerDiscerner &)`). A joiner's
        own ID has random upper bits instead; see `generate_joiner_id` and `matches`.
        """
        return self.value.to_bytes(8, "big")

    def matches(self, joiner_id: bytes) -> bool:
        """Tell whether a joiner ID ends in this discerner's bits."""
        mask = (1 << self.bit_length) - 1
        return int.from_bytes(_check_id(joiner_id), "big") & mask == self.value

    def generate_joiner_id(self, rng: random.Random | None = None) -> bytes:
        """Return a joiner ID as an OpenThread joiner makes one from a discerner.

        Random upper bits, the discerner in the low bits, the local bit set
        (`JoinerDiscerner::GenerateJoinerId`); `rng` makes it repeatable in tests.
        """
        noise = rng.getrandbits(64) if rng is not None else secrets.randbits(64)
        mask = (1 << self.bit_length) - 1
        raw = ((noise & ~mask) | self.value).to_bytes(8, "big")
        return bytes((raw[0] | _LOCAL_BIT,)) + raw[1:]


def _crc16(data: bytes, polynomial: int) -> int:
    # MSB first, initial value 0, no final XOR: OpenThread's Crc16.
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ polynomial if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def _hash_bits(joiner: bytes | JoinerDiscerner) -> tuple[int, int]:
    ident = joiner.joiner_id if isinstance(joiner, JoinerDiscerner) else _check_id(joiner)
    return _crc16(ident, _CRC16_CCITT), _crc16(ident, _CRC16_ANSI)


def _set_bit(data: bytearray, bit: int) -> None:
    # Bit 0 is the least significant bit of the last byte.
    data[len(data) - 1 - bit // 8] |= 1 << (bit % 8)


def _has_bit(data: bytes, bit: int) -> bool:
    return bool(data[len(data) - 1 - bit // 8] & (1 << (bit % 8)))


def steering_data(
    joiners: Iterable[bytes | JoinerDiscerner | Wildcard] | Wildcard,
    *,
    length: int = _MAX_STEERING_LENGTH,
) -> bytes:
    """Return the steering data a commissioner publishes for its joiner entries.

    Each joiner ID (8 bytes) or discerner sets two bits of a `length`-byte Bloom filter:
    CRC16-CCITT and CRC16-ANSI of the ID, each modulo the filter's bit count. Any
    `WILDCARD` makes it the single byte 0xff, which admits every joiner.
    """
    if isinstance(length, bool) or not isinstance(length, int):
        raise RuleError("steering data length must be an integer")
    if not 1 <= length <= _MAX_STEERING_LENGTH:
        raise RuleError(f"steering data length must be 1-{_MAX_STEERING_LENGTH}, got {length}")
    if joiners is WILDCARD:
        return _PERMIT_ALL
    data = bytearray(length)
    for joiner in joiners:
        if joiner is WILDCARD:
            return _PERMIT_ALL
        if not isinstance(joiner, bytes | bytearray | JoinerDiscerner):
            raise RuleError(f"joiner must be an 8-byte ID, a discerner or WILDCARD: {joiner!r}")
        for index in _hash_bits(joiner):
            _set_bit(data, index % (length * 8))
    return bytes(data)


def steering_data_contains(data: bytes, joiner: bytes | JoinerDiscerner) -> bool:
    """Tell whether steering data admits a joiner ID or discerner (Bloom filter test)."""
    if not data:
        return False
    bits = len(data) * 8
    return all(_has_bit(data, index % bits) for index in _hash_bits(joiner))
