"""The node's operational parameters, its dataset buffer and its active and pending datasets."""

from __future__ import annotations

import ipaddress
import random
from dataclasses import dataclass, field

from s20.thread import ChannelMask, Dataset, SecurityPolicy, Timestamp, TlvType

__all__ = [
    "DEFAULT_MESH_LOCAL_PREFIX",
    "DatasetStore",
    "Params",
    "is_valid",
    "new_random_dataset",
    "prefix_text",
    "with_tlv_value",
]

DEFAULT_MESH_LOCAL_PREFIX = ipaddress.IPv6Network("fdde:ad00:beef::/64")
ALL_CHANNELS = ChannelMask(0x07FFF800)
CHANNELS = range(11, 27)


def prefix_text(prefix: ipaddress.IPv6Network) -> str:
    """Return a /64 as OpenThread prints it: four full groups, then `::/64`."""
    packed = prefix.network_address.packed
    return ":".join(f"{int.from_bytes(packed[i : i + 2], 'big'):x}" for i in range(0, 8, 2)) + (
        "::/64"
    )


def is_valid(dataset: Dataset) -> bool:
    """Tell whether OpenThread would accept the dataset (its channels are on page 0, 11-26)."""
    for channel, page in (
        (dataset.channel, dataset.channel_page),
        (dataset.wakeup_channel, dataset.wakeup_channel_page),
    ):
        if channel is not None and (page != 0 or channel not in CHANNELS):
            return False
    return True


def with_tlv_value(dataset: Dataset, tlv_type: int, value: bytes) -> Dataset:
    """Replace one TLV's value in place, keeping the TLV order (unlike `Dataset.replace`)."""
    data = dataset.to_tlvs()
    out = bytearray()
    offset = 0
    while offset < len(data):
        kind, length = data[offset], data[offset + 1]
        body = data[offset + 2 : offset + 2 + length]
        if kind == tlv_type:
            body = value
        out += bytes((kind, len(body))) + body
        offset += 2 + length
    return Dataset.from_tlvs(bytes(out))


def new_random_dataset(rng: random.Random) -> Dataset:
    """Return what `dataset init new` makes: random keys and IDs, `OpenThread-<panid>`."""
    pan_id = rng.randrange(0xFFFF)
    return Dataset(
        active_timestamp=Timestamp(1),
        channel=rng.choice(CHANNELS),
        wakeup_channel=rng.choice(CHANNELS),
        channel_mask=ALL_CHANNELS,
        ext_pan_id=rng.randbytes(8),
        mesh_local_prefix=ipaddress.IPv6Network((b"\xfd" + rng.randbytes(7) + bytes(8), 64)),
        network_key=rng.randbytes(16),
        network_name=f"OpenThread-{pan_id:04x}",
        pan_id=pan_id,
        pskc=rng.randbytes(16),
        security_policy=SecurityPolicy(),
    )


@dataclass(slots=True)
class Params:
    """What `channel`, `panid`, `networkname`... read and write: the node's own settings.

    A fresh OpenThread node has these defaults and a random network key; committing an
    active dataset overwrites them with the dataset's values.
    """

    network_key: bytes
    channel: int = 11
    pan_id: int = 0xFFFF
    ext_pan_id: bytes = bytes.fromhex("dead00beef00cafe")
    network_name: str = "OpenThread"
    pskc: bytes = bytes(16)
    mesh_local_prefix: ipaddress.IPv6Network = DEFAULT_MESH_LOCAL_PREFIX

    def apply(self, dataset: Dataset) -> None:
        """Take every value the dataset carries."""
        if dataset.network_key is not None:
            self.network_key = dataset.network_key
        if dataset.channel is not None:
            self.channel = dataset.channel
        if dataset.pan_id is not None:
            self.pan_id = dataset.pan_id
        if dataset.ext_pan_id is not None:
            self.ext_pan_id = dataset.ext_pan_id
        if dataset.network_name is not None:
            self.network_name = dataset.network_name
        if dataset.pskc is not None:
            self.pskc = dataset.pskc
        if dataset.mesh_local_prefix is not None:
            self.mesh_local_prefix = dataset.mesh_local_prefix

    def as_dataset(self) -> Dataset:
        """Return an active dataset made of these values, as a leader without one builds."""
        return Dataset(
            active_timestamp=Timestamp(0),
            channel=self.channel,
            channel_mask=ALL_CHANNELS,
            ext_pan_id=self.ext_pan_id,
            mesh_local_prefix=self.mesh_local_prefix,
            network_key=self.network_key,
            network_name=self.network_name,
            pan_id=self.pan_id,
            pskc=self.pskc,
            security_policy=SecurityPolicy(),
        )


@dataclass(slots=True)
class DatasetStore:
    """The CLI's dataset buffer and the node's committed datasets.

    The pending dataset's delay timer counts down from when it was stored; reading it
    shows the time left, as OpenThread does.
    """

    buffer: Dataset = field(default_factory=Dataset)
    active: Dataset | None = None
    pending: Dataset | None = None
    pending_stored_at: float = 0.0

    def store_pending(self, dataset: Dataset, now: float) -> None:
        """Keep a pending dataset; its delay (if any) counts from `now`."""
        self.pending = dataset
        self.pending_stored_at = now

    def pending_delay_left(self, now: float) -> int | None:
        """Return the milliseconds left on the pending dataset's delay timer."""
        if self.pending is None or self.pending.delay_timer is None:
            return None
        elapsed = int((now - self.pending_stored_at) * 1000 + 1e-6)
        return max(0, self.pending.delay_timer - elapsed)

    def pending_now(self, now: float) -> Dataset | None:
        """Return the pending dataset with its delay timer as it stands at `now`."""
        left = self.pending_delay_left(now)
        if self.pending is None or left is None:
            return self.pending
        return with_tlv_value(self.pending, TlvType.DELAY_TIMER, left.to_bytes(4, "big"))

    def clear_committed(self) -> None:
        """Forget the active and pending datasets (a single parameter was set)."""
        self.active = None
        self.pending = None
