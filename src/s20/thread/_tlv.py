"""MeshCoP TLV types of an operational dataset, and splitting raw TLV bytes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ._errors import DatasetError

__all__ = ["MAX_DATASET_LENGTH", "RawTlv", "TlvType", "describe", "split_tlvs"]

# OpenThread's OT_OPERATIONAL_DATASET_MAX_LENGTH: longer datasets are refused.
MAX_DATASET_LENGTH = 254

# A length byte of 0xff announces an extended (16-bit) length, which a dataset never uses.
_EXTENDED_LENGTH = 0xFF


class TlvType(IntEnum):
    """MeshCoP TLV types that an active or pending operational dataset carries."""

    CHANNEL = 0
    PAN_ID = 1
    EXT_PAN_ID = 2
    NETWORK_NAME = 3
    PSKC = 4
    NETWORK_KEY = 5
    MESH_LOCAL_PREFIX = 7
    SECURITY_POLICY = 12
    ACTIVE_TIMESTAMP = 14
    PENDING_TIMESTAMP = 51
    DELAY_TIMER = 52
    CHANNEL_MASK = 53
    WAKEUP_CHANNEL = 74


_NAMES: dict[int, str] = {
    TlvType.CHANNEL: "channel",
    TlvType.PAN_ID: "PAN ID",
    TlvType.EXT_PAN_ID: "extended PAN ID",
    TlvType.NETWORK_NAME: "network name",
    TlvType.PSKC: "PSKc",
    TlvType.NETWORK_KEY: "network key",
    TlvType.MESH_LOCAL_PREFIX: "mesh-local prefix",
    TlvType.SECURITY_POLICY: "security policy",
    TlvType.ACTIVE_TIMESTAMP: "active timestamp",
    TlvType.PENDING_TIMESTAMP: "pending timestamp",
    TlvType.DELAY_TIMER: "delay timer",
    TlvType.CHANNEL_MASK: "channel mask",
    TlvType.WAKEUP_CHANNEL: "wake-up channel",
}


def describe(tlv_type: int, offset: int) -> str:
    """Return the "TLV 0x03 (network name) at offset 12" prefix of an error message."""
    name = _NAMES.get(tlv_type)
    label = f"TLV 0x{tlv_type:02x}" + (f" ({name})" if name else "")
    return f"{label} at offset {offset}"


@dataclass(frozen=True, slots=True)
class RawTlv:
    """One TLV as found in the input: its type, where it starts, and its value bytes."""

    type: int
    offset: int
    value: bytes


def split_tlvs(data: bytes) -> list[RawTlv]:
    """Split dataset bytes into TLVs, refusing truncation, extended lengths and duplicates."""
    if len(data) > MAX_DATASET_LENGTH:
        raise DatasetError(f"dataset: {len(data)} bytes, at most {MAX_DATASET_LENGTH}")
    tlvs: list[RawTlv] = []
    first_at: dict[int, int] = {}
    offset = 0
    while offset < len(data):
        if len(data) - offset < 2:
            raise DatasetError(f"offset {offset}: truncated TLV header, 1 byte left")
        tlv_type, length = data[offset], data[offset + 1]
        where = describe(tlv_type, offset)
        if length == _EXTENDED_LENGTH:
            raise DatasetError(f"{where}: extended length (0xff) is not allowed in a dataset")
        left = len(data) - offset - 2
        if length > left:
            raise DatasetError(f"{where}: length {length} but only {left} bytes left")
        if tlv_type in first_at:
            raise DatasetError(f"{where}: duplicate, first at offset {first_at[tlv_type]}")
        first_at[tlv_type] = offset
        tlvs.append(RawTlv(tlv_type, offset, data[offset + 2 : offset + 2 + length]))
        offset += 2 + length
    return tlvs
