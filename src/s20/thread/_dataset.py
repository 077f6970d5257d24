"""The operational dataset and its TLV codec."""

from __future__ import annotations

import dataclasses
import ipaddress
import string
from dataclasses import dataclass, field
from typing import Any

from ._components import ChannelMask, SecurityPolicy, Timestamp
from ._errors import DatasetError
from ._text import dataset_text_lines
from ._tlv import MAX_DATASET_LENGTH, RawTlv, TlvType, describe, split_tlvs

__all__ = ["Dataset"]

# The order in which OpenThread writes a dataset built from scratch (`dataset init new`,
# `Dataset::WriteTlvsFrom(Info)`); new TLVs of a decoded dataset go after its own.
_DEFAULT_ORDER: tuple[int, ...] = (
    TlvType.ACTIVE_TIMESTAMP,
    TlvType.PENDING_TIMESTAMP,
    TlvType.DELAY_TIMER,
    TlvType.CHANNEL,
    TlvType.WAKEUP_CHANNEL,
    TlvType.CHANNEL_MASK,
    TlvType.EXT_PAN_ID,
    TlvType.MESH_LOCAL_PREFIX,
    TlvType.NETWORK_KEY,
    TlvType.NETWORK_NAME,
    TlvType.PAN_ID,
    TlvType.PSKC,
    TlvType.SECURITY_POLICY,
)
_KNOWN = frozenset(TlvType)

# Which TLV each field lives in; a channel and its page share one TLV.
_FIELD_TLV: dict[str, int] = {
    "channel": TlvType.CHANNEL,
    "channel_page": TlvType.CHANNEL,
    "pan_id": TlvType.PAN_ID,
    "ext_pan_id": TlvType.EXT_PAN_ID,
    "network_name": TlvType.NETWORK_NAME,
    "pskc": TlvType.PSKC,
    "network_key": TlvType.NETWORK_KEY,
    "mesh_local_prefix": TlvType.MESH_LOCAL_PREFIX,
    "security_policy": TlvType.SECURITY_POLICY,
    "active_timestamp": TlvType.ACTIVE_TIMESTAMP,
    "pending_timestamp": TlvType.PENDING_TIMESTAMP,
    "delay_timer": TlvType.DELAY_TIMER,
    "channel_mask": TlvType.CHANNEL_MASK,
    "wakeup_channel": TlvType.WAKEUP_CHANNEL,
    "wakeup_channel_page": TlvType.WAKEUP_CHANNEL,
}

# The field that holds each known TLV (the channel, not its page).
_TLV_FIELD: dict[int, str] = {t: n for n, t in _FIELD_TLV.items() if not n.endswith("_page")}

# Value lengths of the fixed-size TLVs.
_FIXED_LENGTH: dict[int, int] = {
    TlvType.CHANNEL: 3,
    TlvType.WAKEUP_CHANNEL: 3,
    TlvType.PAN_ID: 2,
    TlvType.EXT_PAN_ID: 8,
    TlvType.PSKC: 16,
    TlvType.NETWORK_KEY: 16,
    TlvType.MESH_LOCAL_PREFIX: 8,
    TlvType.ACTIVE_TIMESTAMP: 8,
    TlvType.PENDING_TIMESTAMP: 8,
    TlvType.DELAY_TIMER: 4,
}


def _check_uint(name: str, value: object, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise DatasetError(f"{name}: must be an integer from 0 to {high}, got {value!r}")


def _check_bytes(name: str, value: object, size: int) -> bytes:
    if not isinstance(value, bytes | bytearray) or len(value) != size:
        raise DatasetError(f"{name}: must be {size} bytes, got {value!r}")
    return bytes(value)


def _check_type(name: str, value: object, kind: type) -> None:
    if not isinstance(value, kind):
        raise DatasetError(f"{name}: must be {kind.__name__}, got {value!r}")


def _name_bytes(name: str) -> bytes:
    try:
        return name.encode("utf-8")
    except UnicodeEncodeError:
        raise DatasetError(f"network name: {name!r} cannot be encoded as UTF-8") from None


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """An active or pending operational dataset; every component is optional.

    Decoded datasets remember their TLV order so `from_tlvs(x).to_tlvs() == x`;
    equality and hashing look at the content only.
    """

    channel: int | None = None
    channel_page: int = 0
    pan_id: int | None = None
    ext_pan_id: bytes | None = None
    network_name: str | None = None
    pskc: bytes | None = None
    network_key: bytes | None = None
    mesh_local_prefix: ipaddress.IPv6Network | None = None
    security_policy: SecurityPolicy | None = None
    active_timestamp: Timestamp | None = None
    pending_timestamp: Timestamp | None = None
    delay_timer: int | None = None
    channel_mask: ChannelMask | None = None
    wakeup_channel: int | None = None
    wakeup_channel_page: int = 0
    unknown: tuple[tuple[int, bytes], ...] = ()
    _order: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("channel", "wakeup_channel"):
            value = getattr(self, name)
            if value is not None:
                _check_uint(name, value, 0xFFFF)
            _check_uint(f"{name}_page", getattr(self, f"{name}_page"), 0xFF)
            if value is None and getattr(self, f"{name}_page") != 0:
                raise DatasetError(f"{name}_page: must be 0 when there is no {name}")
        if self.pan_id is not None:
            _check_uint("pan_id", self.pan_id, 0xFFFF)
        if self.delay_timer is not None:
            _check_uint("delay_timer", self.delay_timer, 0xFFFFFFFF)
        for name, size in (("ext_pan_id", 8), ("pskc", 16), ("network_key", 16)):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, _check_bytes(name, getattr(self, name), size))
        if self.network_name is not None:
            _check_type("network_name", self.network_name, str)
            size = len(_name_bytes(self.network_name))
            if size > 16:
                raise DatasetError(f"network_name: {size} bytes of UTF-8, at most 16")
        if self.mesh_local_prefix is not None:
            _check_type("mesh_local_prefix", self.mesh_local_prefix, ipaddress.IPv6Network)
            if self.mesh_local_prefix.prefixlen != 64:
                raise DatasetError(f"mesh_local_prefix: {self.mesh_local_prefix} is not a /64")
        for name, kind in (
            ("security_policy", SecurityPolicy),
            ("active_timestamp", Timestamp),
            ("pending_timestamp", Timestamp),
            ("channel_mask", ChannelMask),
        ):
            if getattr(self, name) is not None:
                _check_type(name, getattr(self, name), kind)
        object.__setattr__(self, "unknown", self._normalized_unknown())
        size = sum(2 + len(self._value(t)) for t in self._tlv_types())
        if size > MAX_DATASET_LENGTH:
            raise DatasetError(f"dataset: {size} bytes as TLVs, at most {MAX_DATASET_LENGTH}")

    def _normalized_unknown(self) -> tuple[tuple[int, bytes], ...]:
        # Sorted by type, so that equality does not depend on the TLV order.
        entries: dict[int, bytes] = {}
        for entry in self.unknown:
            if not isinstance(entry, tuple) or len(entry) != 2:
                raise DatasetError(f"unknown: {entry!r} is not a (type, value) pair")
            tlv_type, value = entry
            _check_uint("unknown TLV type", tlv_type, 0xFF)
            if tlv_type in _KNOWN:
                raise DatasetError(f"unknown: TLV 0x{tlv_type:02x} is a known type")
            if tlv_type in entries:
                raise DatasetError(f"unknown: TLV 0x{tlv_type:02x} appears twice")
            if not isinstance(value, bytes | bytearray) or len(value) > MAX_DATASET_LENGTH - 2:
                raise DatasetError(f"unknown: TLV 0x{tlv_type:02x} value must be 0-252 bytes")
            entries[tlv_type] = bytes(value)
        return tuple(sorted(entries.items()))

    @classmethod
    def from_tlvs(cls, hex_or_bytes: str | bytes) -> Dataset:
        """Decode a dataset from TLV bytes or their hex form (as `dataset active -x` prints)."""
        data = _to_bytes(hex_or_bytes)
        values: dict[str, Any] = {}
        unknown: list[tuple[int, bytes]] = []
        order: list[int] = []
        for tlv in split_tlvs(data):
            order.append(tlv.type)
            if tlv.type in _KNOWN:
                values.update(_decode(tlv))
            else:
                unknown.append((tlv.type, tlv.value))
        dataset = cls(**values, unknown=tuple(unknown))
        object.__setattr__(dataset, "_order", tuple(order))
        return dataset

    def to_tlvs(self) -> bytes:
        """Encode as TLV bytes, in the decoded order (new components in OpenThread's order)."""
        out = bytearray()
        for tlv_type in self._tlv_types():
            value = self._value(tlv_type)
            out += bytes((tlv_type, len(value))) + value
        return bytes(out)

    def to_hex(self) -> str:
        """Encode as lower-case hex TLVs, as `dataset active -x` prints them."""
        return self.to_tlvs().hex()

    def replace(self, **changes: Any) -> Dataset:
        """Return a copy with `changes` applied (None removes a component).

        Like OpenThread's dataset editing, a component that is set moves to the end of
        the TLV order, in the order given, so `dataset networkname X` then `dataset
        tlvs` on a node and `replace(network_name="X").to_hex()` agree byte for byte.
        """
        for name in changes:
            if name not in _FIELD_TLV and name != "unknown":
                raise TypeError(f"Dataset has no component {name!r}")
        updated = dataclasses.replace(self, **changes)
        old_unknown = dict(self.unknown)
        moved: list[int] = []
        for name in changes:
            if name == "unknown":
                moved += [t for t, v in changes[name] if old_unknown.get(t) != v]
                moved += [t for t in old_unknown if t not in dict(updated.unknown)]
            elif _FIELD_TLV[name] not in moved:
                moved.append(_FIELD_TLV[name])
        order = [t for t in self._tlv_types() if t not in moved] + moved
        present = set(updated._present())
        object.__setattr__(updated, "_order", tuple(t for t in order if t in present))
        return updated

    def text_lines(self) -> tuple[str, ...]:
        """Return the lines OpenThread's `dataset active` (or `pending`) prints for it."""
        return dataset_text_lines(self)

    def _present(self) -> list[int]:
        present = [t for t in _DEFAULT_ORDER if self._has(t)]
        return present + [t for t, _ in self.unknown]

    def _tlv_types(self) -> list[int]:
        present = self._present()
        kept = [t for t in self._order if t in present]
        return kept + [t for t in present if t not in kept]

    def _has(self, tlv_type: int) -> bool:
        return getattr(self, _TLV_FIELD[tlv_type]) is not None

    def _value(self, tlv_type: int) -> bytes:
        return _encode(self, tlv_type)


def _to_bytes(hex_or_bytes: str | bytes) -> bytes:
    if isinstance(hex_or_bytes, bytes | bytearray | memoryview):
        return bytes(hex_or_bytes)
    if not isinstance(hex_or_bytes, str):
        raise DatasetError(
            f"dataset: expected hex text or bytes, got {type(hex_or_bytes).__name__}"
        )
    text = hex_or_bytes.strip()
    for position, char in enumerate(text):
        if char not in string.hexdigits:
            raise DatasetError(f"hex: {char!r} at position {position} is not a hex digit")
    if len(text) % 2:
        raise DatasetError(f"hex: odd number of digits ({len(text)})")
    return bytes.fromhex(text)


def _decode(tlv: RawTlv) -> dict[str, Any]:
    where = describe(tlv.type, tlv.offset)
    value = tlv.value
    expected = _FIXED_LENGTH.get(tlv.type)
    if expected is not None and len(value) != expected:
        raise DatasetError(f"{where}: {len(value)} bytes, must be {expected}")
    match tlv.type:
        case TlvType.CHANNEL:
            return {"channel_page": value[0], "channel": int.from_bytes(value[1:], "big")}
        case TlvType.WAKEUP_CHANNEL:
            return {
                "wakeup_channel_page": value[0],
                "wakeup_channel": int.from_bytes(value[1:], "big"),
            }
        case TlvType.PAN_ID:
            return {"pan_id": int.from_bytes(value, "big")}
        case TlvType.DELAY_TIMER:
            return {"delay_timer": int.from_bytes(value, "big")}
        case TlvType.EXT_PAN_ID:
            return {"ext_pan_id": value}
        case TlvType.PSKC:
            return {"pskc": value}
        case TlvType.NETWORK_KEY:
            return {"network_key": value}
        case TlvType.MESH_LOCAL_PREFIX:
            prefix = ipaddress.IPv6Network((value + bytes(8), 64))
            return {"mesh_local_prefix": prefix}
        case TlvType.ACTIVE_TIMESTAMP:
            return {"active_timestamp": Timestamp.from_bytes(value)}
        case TlvType.PENDING_TIMESTAMP:
            return {"pending_timestamp": Timestamp.from_bytes(value)}
        case TlvType.NETWORK_NAME:
            if len(value) > 16:
                raise DatasetError(f"{where}: {len(value)} bytes, at most 16")
            try:
                return {"network_name": value.decode("utf-8")}
            except UnicodeDecodeError:
                raise DatasetError(f"{where}: {value.hex()} is not UTF-8") from None
        case TlvType.SECURITY_POLICY:
            if len(value) < 3:
                raise DatasetError(f"{where}: {len(value)} bytes, at least 3")
            return {"security_policy": SecurityPolicy.from_bytes(value)}
        case _:
            if len(value) != 6 or value[1] != 4:
                raise DatasetError(
                    f"{where}: {value.hex() or 'empty'}, must be one entry with a 4-byte mask"
                )
            return {"channel_mask": ChannelMask.from_bytes(value)}


def _encode(dataset: Dataset, tlv_type: int) -> bytes:
    if tlv_type not in _KNOWN:
        return dict(dataset.unknown)[tlv_type]
    name = _TLV_FIELD[tlv_type]
    value: Any = getattr(dataset, name)
    encoded: bytes
    match tlv_type:
        case TlvType.CHANNEL | TlvType.WAKEUP_CHANNEL:
            page: int = getattr(dataset, f"{name}_page")
            encoded = bytes((page,)) + value.to_bytes(2, "big")
        case TlvType.PAN_ID:
            encoded = value.to_bytes(2, "big")
        case TlvType.DELAY_TIMER:
            encoded = value.to_bytes(4, "big")
        case TlvType.MESH_LOCAL_PREFIX:
            encoded = value.network_address.packed[:8]
        case TlvType.NETWORK_NAME:
            encoded = _name_bytes(value)
        case TlvType.EXT_PAN_ID | TlvType.PSKC | TlvType.NETWORK_KEY:
            encoded = value
        case _:
            # Timestamps, the security policy and the channel mask encode themselves.
            encoded = value.to_bytes()
    return encoded
