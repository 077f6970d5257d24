"""Datasets recorded from real OpenThread nodes (transcripts 02, 09 and 11) against the codec.

Each vector is a hex dataset that a node printed (`dataset active -x`, `dataset pending -x`,
`dataset tlvs`) or accepted (`dataset set ...`), with the text that the same node printed
for it next to it; the test id names the transcript file and line.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from s20.thread import ChannelMask, Dataset, SecurityPolicy, Timestamp, TlvType, generate_network
from s20.thread._tlv import split_tlvs


def _expected_from_text(lines: tuple[str, ...]) -> dict[str, Any]:
    """Turn `dataset active` lines into the Dataset values they describe."""
    expected: dict[str, Any] = {}
    for line in lines:
        label, _, value = line.partition(": ")
        match label:
            case "Active Timestamp":
                expected["active_timestamp.seconds"] = int(value)
            case "Pending Timestamp":
                expected["pending_timestamp.seconds"] = int(value)
            case "Channel":
                expected["channel"] = int(value)
            case "Wake-up Channel":
                expected["wakeup_channel"] = int(value)
            case "Channel Mask":
                expected["channel_mask.mask"] = int(value, 16)
            case "Delay":
                expected["delay_timer"] = int(value)
            case "Ext PAN ID":
                expected["ext_pan_id"] = bytes.fromhex(value)
            case "Mesh Local Prefix":
                expected["mesh_local_prefix"] = ipaddress.IPv6Network(value)
            case "Network Key":
                expected["network_key"] = bytes.fromhex(value)
            case "Network Name":
                expected["network_name"] = value
            case "PAN ID":
                expected["pan_id"] = int(value, 16)
            case "PSKc":
                expected["pskc"] = bytes.fromhex(value)
            case "Security Policy":
                expected["security_policy.text"] = value
            case _:
                raise AssertionError(f"unexpected dataset line {line!r}")
    return expected


def _actual(dataset: Dataset) -> dict[str, Any]:
    """The same view of a decoded dataset, for every component it holds."""
    actual: dict[str, Any] = {}
    for name in (
        "channel",
        "wakeup_channel",
        "delay_timer",
        "ext_pan_id",
        "mesh_local_prefix",
        "network_key",
        "network_name",
        "pan_id",
        "pskc",
    ):
        if getattr(dataset, name) is not None:
            actual[name] = getattr(dataset, name)
    if dataset.active_timestamp is not None:
        actual["active_timestamp.seconds"] = dataset.active_timestamp.seconds
    if dataset.pending_timestamp is not None:
        actual["pending_timestamp.seconds"] = dataset.pending_timestamp.seconds
    if dataset.channel_mask is not None:
        actual["channel_mask.mask"] = dataset.channel_mask.mask
    if dataset.security_policy is not None:
        actual["security_policy.text"] = dataset.security_policy.text
    return actual


def test_every_vector_round_trips_byte_for_byte(dataset_vector) -> None:
    dataset = Dataset.from_tlvs(dataset_vector.hex)
    assert dataset.to_hex() == dataset_vector.hex
    assert Dataset.from_tlvs(bytes.fromhex(dataset_vector.hex)) == dataset
    assert dataset.unknown == ()


def test_decoded_values_are_what_the_node_printed(text_vector) -> None:
    assert text_vector.text is not None
    dataset = Dataset.from_tlvs(text_vector.hex)
    assert _actual(dataset) == _expected_from_text(text_vector.text)


def test_text_lines_are_what_the_node_printed(text_vector) -> None:
    assert text_vector.text is not None
    assert Dataset.from_tlvs(text_vector.hex).text_lines() == text_vector.text


def test_the_vectors_cover_active_pending_and_reordered_datasets(all_dataset_vectors) -> None:
    vectors = all_dataset_vectors
    sources = {v.source.split(":")[0] for v in vectors}
    assert sources == {
        "02_dataset_form_network.txt",
        "09_dataset_tlv_vectors.txt",
        "11_otbr_agent_otctl.txt",
    }
    assert sum(v.text is not None for v in vectors) >= 12
    decoded = [Dataset.from_tlvs(v.hex) for v in vectors]
    assert any(d.pending_timestamp is not None and d.delay_timer for d in decoded)
    first_types = {bytes.fromhex(v.hex)[0] for v in vectors}
    assert first_types >= {TlvType.ACTIVE_TIMESTAMP, TlvType.WAKEUP_CHANNEL}


def test_invalid_buffer_still_decodes(timeline) -> None:
    # 02_dataset_form_network.txt:107: the edit buffer after `dataset channel 0` and a
    # 16-byte name; OpenThread shows it but refuses to commit it (line 111). The codec
    # is structural, so it decodes; the rules are what refuse channel 0.
    commands = timeline("02_dataset_form_network.txt")
    hex_line = next(c for c in commands if c.line == 105).lines[0]
    dataset = Dataset.from_tlvs(hex_line)
    assert dataset.channel == 0
    assert dataset.network_name == "1234567890123456"
    assert dataset.mesh_local_prefix == ipaddress.IPv6Network("fd00:0:0:1::/64")
    assert dataset.to_hex() == hex_line


def _hex_after(commands, line: int) -> str:
    """Return the hex that the command sent at `line` printed."""
    command = next(c for c in commands if c.line == line)
    return str(command.lines[0])


def test_editing_moves_tlvs_to_the_end_like_openthread(timeline) -> None:
    # 09_dataset_tlv_vectors.txt:19-45: `dataset init new`, then seven edits in this order,
    # then commit; line 101 shows the resulting TLV order. Start from a dataset with what
    # `init new` made (only the untouched values matter: timestamp, wake-up channel 17,
    # mask, policy) and apply the same edits one by one.
    target = Dataset.from_tlvs(_hex_after(timeline("09_dataset_tlv_vectors.txt"), 99))
    fresh = Dataset(
        active_timestamp=Timestamp(1),
        channel=22,
        wakeup_channel=17,
        channel_mask=ChannelMask(0x07FFF800),
        ext_pan_id=bytes(8),
        mesh_local_prefix=ipaddress.IPv6Network("fde4:ff89:8c07:3a94::/64"),
        network_key=bytes(16),
        network_name="OpenThread-59f6",
        pan_id=0x59F6,
        pskc=bytes(16),
        security_policy=SecurityPolicy(),
    )
    edits: list[dict[str, Any]] = [
        {"network_name": "GLS20-Test"},
        {"channel": 15},
        {"pan_id": 0x1234},
        {"ext_pan_id": bytes.fromhex("dead00beef00cafe")},
        {"network_key": bytes.fromhex("00112233445566778899aabbccddeeff")},
        {"pskc": bytes.fromhex("3aa55f91ca47d1e4e71a08cb35e91591")},
        {"mesh_local_prefix": ipaddress.IPv6Network("fd00:db8:a::/64")},
    ]
    edited = fresh
    for change in edits:
        edited = edited.replace(**change)
    assert edited == target
    assert edited.to_hex() == target.to_hex()


def test_a_new_dataset_uses_the_order_of_dataset_init_new(timeline) -> None:
    # 09_dataset_tlv_vectors.txt:322-330 commits `dataset init new` unedited; line 490 has it.
    recorded = bytes.fromhex(_hex_after(timeline("09_dataset_tlv_vectors.txt"), 488))
    recorded_types = [t.type for t in split_tlvs(recorded)]
    generated = generate_network("OpenThread-ca49", 25, "goodlife", now=1.0)
    assert [t.type for t in split_tlvs(generated.to_tlvs())] == recorded_types
    rebuilt = Dataset(**{f: getattr(Dataset.from_tlvs(recorded), f) for f in _FIELDS})
    assert rebuilt.to_tlvs() == recorded


_FIELDS = (
    "active_timestamp",
    "channel",
    "wakeup_channel",
    "channel_mask",
    "ext_pan_id",
    "mesh_local_prefix",
    "network_key",
    "network_name",
    "pan_id",
    "pskc",
    "security_policy",
)
