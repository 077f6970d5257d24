"""Operational datasets in otbr-agent's JSON and hex forms, over `s20.thread`'s codec.

The rules, as the recorded agent follows them:

- JSON keys are camelCase; unknown keys (PascalCase ones too) are ignored, and a key
  whose value is `null` removes that component. A known key with a value of the wrong
  JSON type is refused (the agent skips it, which hides the mistake).
- `securityPolicy` is read with `routers` but written with `Routers`; a flag that is
  missing from a given policy is off.
- A JSON change rewrites the dataset in OpenThread's component order; a TLV change
  keeps the TLVs it does not name first, then the given TLVs in their order.
- A pending dataset in JSON needs `delay` (milliseconds); its `activeDataset` is an
  object or a hex string.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
from collections.abc import Callable
from typing import Any

from s20.errors import InvalidParams
from s20.thread import ChannelMask, Dataset, DatasetError, SecurityPolicy, Timestamp

from ._cjson import JsonValue

__all__ = [
    "active_json",
    "apply_active_json",
    "apply_pending_json",
    "apply_tlvs",
    "pending_json",
    "tlvs_text",
]

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def tlvs_text(tlvs: str) -> bytes:
    """Return the dataset as the agent's `text/plain` answer: upper-case hex."""
    return tlvs.upper().encode("ascii")


def _prefix_text(prefix: ipaddress.IPv6Network) -> str:
    packed = prefix.network_address.packed
    groups = (int.from_bytes(packed[i : i + 2], "big") for i in range(0, 8, 2))
    return ":".join(f"{group:x}" for group in groups) + "::/64"


def _timestamp_json(stamp: Timestamp) -> dict[str, JsonValue]:
    return {"seconds": stamp.seconds, "ticks": stamp.ticks, "authoritative": stamp.authoritative}


def _policy_json(policy: SecurityPolicy) -> dict[str, JsonValue]:
    return {
        "rotationTime": policy.rotation_time,
        "obtainNetworkKey": policy.obtain_network_key,
        "nativeCommissioning": policy.native_commissioning,
        "Routers": policy.routers,
        "externalCommissioning": policy.external_commissioning,
        "commercialCommissioning": policy.commercial_commissioning,
        "autonomousEnrollment": policy.autonomous_enrollment,
        "networkKeyProvisioning": policy.network_key_provisioning,
        "tobleLink": policy.toble_link,
        "nonCcmRouters": policy.non_ccm_routers,
    }


def active_json(dataset: Dataset) -> dict[str, JsonValue]:
    """Return the dataset's components as `GET /node/dataset/active` shows them."""
    out: dict[str, JsonValue] = {}
    if dataset.active_timestamp is not None:
        out["activeTimestamp"] = _timestamp_json(dataset.active_timestamp)
    if dataset.network_key is not None:
        out["networkKey"] = dataset.network_key.hex()
    if dataset.network_name is not None:
        out["networkName"] = dataset.network_name
    if dataset.ext_pan_id is not None:
        out["extPanId"] = dataset.ext_pan_id.hex()
    if dataset.mesh_local_prefix is not None:
        out["meshLocalPrefix"] = _prefix_text(dataset.mesh_local_prefix)
    if dataset.pan_id is not None:
        out["panId"] = dataset.pan_id
    if dataset.channel is not None:
        out["channel"] = dataset.channel
    if dataset.pskc is not None:
        out["pskc"] = dataset.pskc.hex()
    if dataset.security_policy is not None:
        out["securityPolicy"] = _policy_json(dataset.security_policy)
    if dataset.channel_mask is not None:
        out["channelMask"] = dataset.channel_mask.mask
    return out


def pending_json(dataset: Dataset) -> dict[str, JsonValue]:
    """Return a pending dataset as `GET /node/dataset/pending` shows it."""
    out: dict[str, JsonValue] = {"activeDataset": active_json(dataset)}
    if dataset.pending_timestamp is not None:
        out["pendingTimestamp"] = _timestamp_json(dataset.pending_timestamp)
    if dataset.delay_timer is not None:
        out["delay"] = dataset.delay_timer
    return out


# -- reading a request body -----------------------------------------------------------


def _bad(field: str, rule: str) -> InvalidParams:
    return InvalidParams(f"{field}: {rule}")


def _uint(field: str, value: object, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise _bad(field, "must be a whole number")
    if not 0 <= value <= high:
        raise _bad(field, f"must be 0-{high}")
    return int(value)


def _hex_bytes(field: str, value: object, size: int) -> bytes:
    if not isinstance(value, str) or len(value) != 2 * size or not set(value) <= _HEX_DIGITS:
        raise _bad(field, f"must be {2 * size} hex digits")
    return bytes.fromhex(value)


def _timestamp(field: str, value: object) -> Timestamp:
    if not isinstance(value, dict):
        raise _bad(field, "must be an object")
    seconds = _uint(f"{field}.seconds", value.get("seconds", 0), (1 << 48) - 1)
    ticks = _uint(f"{field}.ticks", value.get("ticks", 0), (1 << 15) - 1)
    return Timestamp(seconds, ticks, value.get("authoritative") is True)


def _network_name(field: str, value: object) -> str:
    if not isinstance(value, str) or len(value.encode("utf-8")) > 16:
        raise _bad(field, "must be a string of at most 16 bytes")
    return value


def _mesh_local_prefix(field: str, value: object) -> ipaddress.IPv6Network:
    text = value if isinstance(value, str) else ""
    try:
        network = ipaddress.IPv6Network(text if "/" in text else f"{text}/64", strict=False)
    except ValueError:
        raise _bad(field, "must be an IPv6 /64 prefix") from None
    if network.prefixlen != 64:
        raise _bad(field, "must be an IPv6 /64 prefix")
    return network


def _security_policy(field: str, value: object) -> SecurityPolicy:
    if not isinstance(value, dict):
        raise _bad(field, "must be an object")

    def on(key: str) -> bool:
        return value.get(key) is True

    rotation = _uint(f"{field}.rotationTime", value.get("rotationTime", 0), 0xFFFF)
    first = (
        on("obtainNetworkKey") << 7
        | on("nativeCommissioning") << 6
        | on("routers") << 5
        | on("externalCommissioning") << 4
        | (not on("commercialCommissioning")) << 2
        | (not on("autonomousEnrollment")) << 1
        | (not on("networkKeyProvisioning"))
    )
    second = on("tobleLink") << 7 | (not on("nonCcmRouters")) << 6 | 0x38
    return SecurityPolicy(rotation, bytes((first, second)))


# JSON key -> (dataset field, reader, JSON type that counts as given)
_Reader = Callable[[str, object], Any]
_ACTIVE_KEYS: tuple[tuple[str, str, _Reader, type | tuple[type, ...]], ...] = (
    ("activeTimestamp", "active_timestamp", _timestamp, dict),
    ("networkKey", "network_key", lambda f, v: _hex_bytes(f, v, 16), str),
    ("networkName", "network_name", _network_name, str),
    ("extPanId", "ext_pan_id", lambda f, v: _hex_bytes(f, v, 8), str),
    ("meshLocalPrefix", "mesh_local_prefix", _mesh_local_prefix, str),
    ("panId", "pan_id", lambda f, v: _uint(f, v, 0xFFFF), (int, float)),
    ("channel", "channel", lambda f, v: _uint(f, v, 0xFFFF), (int, float)),
    ("pskc", "pskc", lambda f, v: _hex_bytes(f, v, 16), str),
    ("securityPolicy", "security_policy", _security_policy, dict),
    (
        "channelMask",
        "channel_mask",
        lambda f, v: ChannelMask(_uint(f, v, 0xFFFFFFFF)),
        (int, float),
    ),
)


def _active_changes(body: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key, attribute, read, kind in _ACTIVE_KEYS:
        if key not in body:
            continue
        value = body[key]
        if value is None:
            changes[attribute] = None
        elif isinstance(value, kind) and not isinstance(value, bool):
            changes[attribute] = read(prefix + key, value)
        else:
            # otbr-agent would skip it silently; a typo should not look like success.
            raise _bad(prefix + key, "has the wrong JSON type")
    return changes


def _object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise InvalidParams("body: not valid JSON") from None
    if not isinstance(value, dict):
        raise InvalidParams("body: must be a JSON object")
    return value


def _rebuilt(base: Dataset, changes: dict[str, Any]) -> str:
    try:
        changed = base.replace(**changes)
    except (DatasetError, TypeError) as exc:
        raise InvalidParams(f"dataset: {exc}") from None
    # A fresh copy forgets the decoded TLV order: OpenThread's own order, as the agent.
    return dataclasses.replace(changed).to_hex()


def _parse(tlvs: str) -> Dataset:
    try:
        return Dataset.from_tlvs(tlvs)
    except DatasetError as exc:
        raise InvalidParams(f"dataset: {exc}") from None


def apply_active_json(body: bytes) -> Callable[[str], str]:
    """Return the change a JSON `PUT /node/dataset/active` makes to the dataset in place."""
    changes = _active_changes(_object(body))
    return lambda base: _rebuilt(_parse(base), changes)


def _present(dataset: Dataset) -> dict[str, Any]:
    """Return the components the dataset has (a channel with its page)."""
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(dataset):
        value = getattr(dataset, field.name)
        if field.init and value is not None and not field.name.endswith("_page"):
            changes[field.name] = value
    for channel in ("channel", "wakeup_channel"):
        if channel in changes:
            changes[f"{channel}_page"] = getattr(dataset, f"{channel}_page")
    changes.pop("unknown", None)
    return changes


def apply_pending_json(body: bytes) -> Callable[[str], str]:
    """Return the change a JSON `PUT /node/dataset/pending` makes to the one in place."""
    data = _object(body)
    active = data.get("activeDataset")
    changes: dict[str, Any]
    if isinstance(active, dict):
        changes = _active_changes(active, "activeDataset.")
    elif isinstance(active, str):
        changes = _present(_parse(_hex_text("activeDataset", active)))
    else:
        raise _bad("activeDataset", "must be an object or hex TLVs")
    stamp = data.get("pendingTimestamp")
    if stamp is not None or "pendingTimestamp" in data:
        changes["pending_timestamp"] = (
            None if stamp is None else _timestamp("pendingTimestamp", stamp)
        )
    delay = data.get("delay")
    if delay is None or isinstance(delay, bool) or not isinstance(delay, int | float):
        raise _bad("delay", "is required, in milliseconds")
    changes["delay_timer"] = _uint("delay", delay, 0xFFFFFFFF)
    return lambda base: _rebuilt(_parse(base), changes)


def _hex_text(field: str, text: str) -> str:
    if not text or len(text) % 2 or not set(text) <= _HEX_DIGITS:
        raise _bad(field, "must be an even number of hex digits")
    return text.lower()


def _split(data: bytes) -> list[tuple[int, bytes]]:
    tlvs: list[tuple[int, bytes]] = []
    offset = 0
    while offset < len(data):
        size = data[offset + 1]
        tlvs.append((data[offset], data[offset : offset + 2 + size]))
        offset += 2 + size
    return tlvs


def apply_tlvs(body: bytes) -> Callable[[str], str]:
    """Return the change a `text/plain` PUT makes: the given TLVs over the ones in place."""
    try:
        text = body.decode("ascii").strip()
    except UnicodeDecodeError:
        raise _bad("body", "must be hex TLVs") from None
    given = _parse(_hex_text("body", text)).to_tlvs()

    def change(base: str) -> str:
        named = {kind for kind, _ in _split(given)}
        kept = b"".join(raw for kind, raw in _split(_parse(base).to_tlvs()) if kind not in named)
        return _parse((kept + given).hex()).to_hex()

    return change
