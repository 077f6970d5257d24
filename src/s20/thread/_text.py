"""The text form of a dataset, as OpenThread's `dataset active` prints it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["dataset_text_lines"]


def _prefix_text(dataset: Dataset) -> str:
    # OpenThread prints the four prefix groups in full, then "::/64".
    assert dataset.mesh_local_prefix is not None
    packed = dataset.mesh_local_prefix.network_address.packed
    groups = (int.from_bytes(packed[i : i + 2], "big") for i in range(0, 8, 2))
    return ":".join(f"{g:x}" for g in groups) + "::/64"


def dataset_text_lines(dataset: Dataset) -> tuple[str, ...]:
    """Return the lines of `dataset active` for `dataset`, in OpenThread's order."""
    d = dataset
    lines: list[str] = []
    if d.pending_timestamp is not None:
        lines.append(f"Pending Timestamp: {d.pending_timestamp.seconds}")
    if d.active_timestamp is not None:
        lines.append(f"Active Timestamp: {d.active_timestamp.seconds}")
    if d.channel is not None:
        lines.append(f"Channel: {d.channel}")
    if d.wakeup_channel is not None:
        lines.append(f"Wake-up Channel: {d.wakeup_channel}")
    if d.channel_mask is not None:
        lines.append(f"Channel Mask: {d.channel_mask.text}")
    if d.delay_timer is not None:
        lines.append(f"Delay: {d.delay_timer}")
    if d.ext_pan_id is not None:
        lines.append(f"Ext PAN ID: {d.ext_pan_id.hex()}")
    if d.mesh_local_prefix is not None:
        lines.append(f"Mesh Local Prefix: {_prefix_text(d)}")
    if d.network_key is not None:
        lines.append(f"Network Key: {d.network_key.hex()}")
    if d.network_name is not None:
        lines.append(f"Network Name: {d.network_name}")
    if d.pan_id is not None:
        lines.append(f"PAN ID: 0x{d.pan_id:04x}")
    if d.pskc is not None:
        lines.append(f"PSKc: {d.pskc.hex()}")
    if d.security_policy is not None:
        lines.append(f"Security Policy: {d.security_policy.text}")
    return tuple(lines)
