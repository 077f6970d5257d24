"""Structured dataset values: timestamps, the security policy and the channel mask."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ._errors import DatasetError

__all__ = ["ChannelMask", "SecurityPolicy", "Timestamp"]

_MAX_SECONDS = (1 << 48) - 1
_MAX_TICKS = (1 << 15) - 1


def _require_int(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DatasetError(f"{what}: must be an integer from {low} to {high}, got {value!r}")
    return value


@dataclass(frozen=True, slots=True, order=True)
class Timestamp:
    """A MeshCoP timestamp: 48-bit seconds, 15-bit ticks and the authoritative bit.

    Ordering follows OpenThread's `Timestamp::Compare`: seconds, then ticks, then the bit.
    """

    seconds: int
    ticks: int = 0
    authoritative: bool = False

    def __post_init__(self) -> None:
        _require_int(self.seconds, 0, _MAX_SECONDS, "timestamp seconds")
        _require_int(self.ticks, 0, _MAX_TICKS, "timestamp ticks")
        if not isinstance(self.authoritative, bool):
            raise DatasetError(
                f"timestamp authoritative: must be a bool, got {self.authoritative!r}"
            )

    @classmethod
    def from_bytes(cls, value: bytes) -> Timestamp:
        """Decode the 8-byte TLV value."""
        if len(value) != 8:
            raise DatasetError(f"timestamp: {len(value)} bytes, must be 8")
        low = int.from_bytes(value[6:], "big")
        return cls(int.from_bytes(value[:6], "big"), low >> 1, bool(low & 1))

    def to_bytes(self) -> bytes:
        """Encode as the 8-byte TLV value."""
        low = (self.ticks << 1) | int(self.authoritative)
        return self.seconds.to_bytes(6, "big") + low.to_bytes(2, "big")


# Security policy flag bits, as in OpenThread's SecurityPolicy (byte 0, then byte 1).
_OBTAIN_NETWORK_KEY = 0x80
_NATIVE_COMMISSIONING = 0x40
_ROUTERS = 0x20
_EXTERNAL_COMMISSIONING = 0x10
_COMMERCIAL_COMMISSIONING = 0x04  # set means disabled
_AUTONOMOUS_ENROLLMENT = 0x02  # set means disabled
_NETWORK_KEY_PROVISIONING = 0x01  # set means disabled
_TOBLE_LINK = 0x80
_NON_CCM_ROUTERS = 0x40  # set means disabled
_VERSION_THRESHOLD = 0x07


@dataclass(frozen=True, slots=True)
class SecurityPolicy:
    """The security policy TLV: key rotation time in hours and the raw flag bytes.

    The defaults are what OpenThread's `dataset init new` writes (`672 onrc 0`).
    A Thread 1.1 policy has one flag byte; the properties then read the second byte's
    fields as OpenThread's defaults, as `SecurityPolicy::SetFlags` does.
    """

    rotation_time: int = 672
    flags: bytes = b"\xf7\xf8"

    def __post_init__(self) -> None:
        _require_int(self.rotation_time, 0, 0xFFFF, "security policy rotation time")
        if not isinstance(self.flags, bytes | bytearray) or not 1 <= len(self.flags) <= 250:
            raise DatasetError(f"security policy flags: must be 1-250 bytes, got {self.flags!r}")
        object.__setattr__(self, "flags", bytes(self.flags))

    @classmethod
    def from_bytes(cls, value: bytes) -> SecurityPolicy:
        """Decode the TLV value: two bytes of rotation time, then at least one flag byte."""
        if len(value) < 3:
            raise DatasetError(f"security policy: {len(value)} bytes, at least 3")
        return cls(int.from_bytes(value[:2], "big"), value[2:])

    def to_bytes(self) -> bytes:
        """Encode as the TLV value."""
        return self.rotation_time.to_bytes(2, "big") + self.flags

    def _bit(self, index: int, mask: int, default: bool) -> bool:
        if index >= len(self.flags):
            return default
        return bool(self.flags[index] & mask)

    @property
    def obtain_network_key(self) -> bool:
        """Whether the network key may be obtained out of band (`o`)."""
        return self._bit(0, _OBTAIN_NETWORK_KEY, True)

    @property
    def native_commissioning(self) -> bool:
        """Whether native (on-mesh) commissioning with PSKc is allowed (`n`)."""
        return self._bit(0, _NATIVE_COMMISSIONING, True)

    @property
    def routers(self) -> bool:
        """Whether Thread 1.1 routers are enabled (`r`)."""
        return self._bit(0, _ROUTERS, True)

    @property
    def external_commissioning(self) -> bool:
        """Whether external commissioners are allowed (`c`)."""
        return self._bit(0, _EXTERNAL_COMMISSIONING, True)

    @property
    def commercial_commissioning(self) -> bool:
        """Whether commercial (CCM) commissioning is enabled (`C`)."""
        return not self._bit(0, _COMMERCIAL_COMMISSIONING, True)

    @property
    def autonomous_enrollment(self) -> bool:
        """Whether autonomous enrollment is enabled (`e`)."""
        return not self._bit(0, _AUTONOMOUS_ENROLLMENT, True)

    @property
    def network_key_provisioning(self) -> bool:
        """Whether network key provisioning is enabled (`p`)."""
        return not self._bit(0, _NETWORK_KEY_PROVISIONING, True)

    @property
    def toble_link(self) -> bool:
        """Whether the ToBLE link is enabled (no letter in OpenThread's output)."""
        return self._bit(1, _TOBLE_LINK, True)

    @property
    def non_ccm_routers(self) -> bool:
        """Whether non-CCM routers are enabled (`R`)."""
        return not self._bit(1, _NON_CCM_ROUTERS, True)

    @property
    def version_threshold_for_routing(self) -> int:
        """The lowest Thread version that may route, as OpenThread prints last."""
        return self.flags[1] & _VERSION_THRESHOLD if len(self.flags) > 1 else 0

    @property
    def flags_text(self) -> str:
        """Return the flags in OpenThread's letter form, e.g. `onrc`."""
        letters = (
            ("o", self.obtain_network_key),
            ("n", self.native_commissioning),
            ("r", self.routers),
            ("c", self.external_commissioning),
            ("C", self.commercial_commissioning),
            ("e", self.autonomous_enrollment),
            ("p", self.network_key_provisioning),
            ("R", self.non_ccm_routers),
        )
        return "".join(letter for letter, enabled in letters if enabled)

    @property
    def text(self) -> str:
        """Return the policy as `dataset active` prints it, e.g. `672 onrc 0`."""
        return f"{self.rotation_time} {self.flags_text} {self.version_threshold_for_routing}"


def _reverse32(value: int) -> int:
    return int(f"{value:032b}"[::-1], 2)


@dataclass(frozen=True, slots=True)
class ChannelMask:
    """A channel mask for one channel page; bit n of `mask` is channel n (0x07fff800 = 11-26).

    On the wire the TLV holds one entry (page, length 4, mask) whose mask bits are in
    reverse order, which is why 0x07fff800 travels as 001fffe0.
    """

    mask: int
    page: int = 0

    def __post_init__(self) -> None:
        _require_int(self.mask, 0, 0xFFFFFFFF, "channel mask")
        _require_int(self.page, 0, 0xFF, "channel mask page")

    @classmethod
    def from_channels(cls, channels: Iterable[int], page: int = 0) -> ChannelMask:
        """Build a mask from channel numbers (0-31)."""
        mask = 0
        for channel in channels:
            mask |= 1 << _require_int(channel, 0, 31, "channel mask channel")
        return cls(mask, page)

    @classmethod
    def from_bytes(cls, value: bytes) -> ChannelMask:
        """Decode a TLV value holding exactly one entry with a 4-byte mask."""
        if len(value) != 6 or value[1] != 4:
            raise DatasetError(
                f"channel mask: {value.hex() or 'empty'}, must be one entry with a 4-byte mask"
            )
        return cls(_reverse32(int.from_bytes(value[2:], "big")), value[0])

    def to_bytes(self) -> bytes:
        """Encode as the TLV value."""
        return bytes((self.page, 4)) + _reverse32(self.mask).to_bytes(4, "big")

    @property
    def channels(self) -> tuple[int, ...]:
        """Return the channels in the mask, lowest first."""
        return tuple(n for n in range(32) if self.mask >> n & 1)

    @property
    def text(self) -> str:
        """Return the mask as `dataset active` prints it, e.g. `0x07fff800`."""
        return f"0x{self.mask:08x}"
