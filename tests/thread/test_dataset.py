"""The dataset codec's rules: malformed input, construction checks, equality and editing."""

from __future__ import annotations

import ipaddress

import pytest

from s20.thread import Dataset, DatasetError, SecurityPolicy, ThreadError, Timestamp

# 09_dataset_tlv_vectors.txt:101, the GLS20-Test network.
GLS20 = (
    "0e0800000000000100004a0300001135060004001fffe00c0402a0f7f8030a474c5332302d54657374"
    "000300000f010212340208dead00beef00cafe051000112233445566778899aabbccddeeff04103aa5"
    "5f91ca47d1e4e71a08cb35e915910708fd000db8000a0000"
)


def tlv(tlv_type: int, value: bytes) -> bytes:
    return bytes((tlv_type, len(value))) + value


def error_for(data: str | bytes) -> str:
    with pytest.raises(DatasetError) as caught:
        Dataset.from_tlvs(data)
    return str(caught.value)


# Decoding -------------------------------------------------------------------------------


def test_empty_input_is_an_empty_dataset() -> None:
    assert Dataset.from_tlvs("") == Dataset()
    assert Dataset().to_tlvs() == b""
    assert Dataset().text_lines() == ()


def test_hex_may_be_upper_case_and_padded() -> None:
    assert Dataset.from_tlvs(f"  {GLS20.upper()}\r\n").to_hex() == GLS20


def test_bytearray_and_memoryview_are_accepted() -> None:
    data = bytes.fromhex(GLS20)
    assert Dataset.from_tlvs(bytearray(data)).to_tlvs() == data  # type: ignore[arg-type]
    assert Dataset.from_tlvs(memoryview(data)).to_tlvs() == data  # type: ignore[arg-type]


def test_odd_hex_is_refused() -> None:
    assert error_for("0e0") == "hex: odd number of digits (3)"


def test_non_hex_is_refused_with_its_position() -> None:
    # 09_dataset_tlv_vectors.txt:541-543: `dataset set active zz` is refused too.
    assert error_for("zz") == "hex: 'z' at position 0 is not a hex digit"
    assert error_for("0e 08") == "hex: ' ' at position 2 is not a hex digit"


def test_other_input_types_are_refused() -> None:
    assert "expected hex text or bytes, got int" in error_for(12)  # type: ignore[arg-type]


def test_truncated_header_is_refused() -> None:
    assert error_for("0e") == "offset 0: truncated TLV header, 1 byte left"


def test_truncated_value_is_refused() -> None:
    # 09_dataset_tlv_vectors.txt:538-540: OpenThread refuses this very input.
    message = error_for("0e080000")
    assert message == "TLV 0x0e (active timestamp) at offset 0: length 8 but only 2 bytes left"


def test_extended_length_is_refused() -> None:
    message = error_for("99ff00")
    assert message == "TLV 0x99 at offset 0: extended length (0xff) is not allowed in a dataset"


def test_duplicate_tlv_is_refused() -> None:
    data = tlv(1, b"\x12\x34") + tlv(0, b"\x00\x00\x0f") + tlv(1, b"\x00\x01")
    assert error_for(data) == "TLV 0x01 (PAN ID) at offset 9: duplicate, first at offset 0"


def test_duplicate_unknown_tlv_is_refused() -> None:
    assert "duplicate, first at offset 0" in error_for(tlv(0x80, b"") + tlv(0x80, b"x"))


def test_too_long_a_dataset_is_refused() -> None:
    data = tlv(0x80, bytes(200)) + tlv(0x81, bytes(60))
    assert error_for(data) == "dataset: 264 bytes, at most 254"


@pytest.mark.parametrize(
    ("tlv_type", "size", "name"),
    [
        (0x00, 3, "channel"),
        (0x01, 2, "PAN ID"),
        (0x02, 8, "extended PAN ID"),
        (0x04, 16, "PSKc"),
        (0x05, 16, "network key"),
        (0x07, 8, "mesh-local prefix"),
        (0x0E, 8, "active timestamp"),
        (0x33, 8, "pending timestamp"),
        (0x34, 4, "delay timer"),
        (0x4A, 3, "wake-up channel"),
    ],
)
def test_wrong_length_for_a_fixed_size_tlv_is_refused(tlv_type: int, size: int, name: str) -> None:
    prefix = tlv(0x80, b"abc")
    for wrong in (size - 1, size + 1):
        message = error_for(prefix + tlv(tlv_type, bytes(wrong)))
        assert (
            message == f"TLV 0x{tlv_type:02x} ({name}) at offset 5: {wrong} bytes, must be {size}"
        )


def test_network_name_over_16_bytes_is_refused() -> None:
    # 02_dataset_form_network.txt:62-64: a 17-character name is refused by OpenThread too.
    data = tlv(0x0E, bytes(8)) + b"\x00\x03\x00\x00\x0f" + tlv(0x03, b"ThisNameIsTooLong17")
    message = error_for(data)
    assert message == "TLV 0x03 (network name) at offset 15: 19 bytes, at most 16"


def test_network_name_of_16_bytes_decodes() -> None:
    # 02_dataset_form_network.txt:65-67: sixteen characters are accepted.
    assert Dataset.from_tlvs(tlv(0x03, b"1234567890123456")).network_name == "1234567890123456"


def test_network_name_that_is_not_utf8_is_refused() -> None:
    message = error_for(tlv(0x03, b"abc\xff"))
    assert message == "TLV 0x03 (network name) at offset 0: 616263ff is not UTF-8"


def test_multibyte_network_name_counts_bytes() -> None:
    name = "Réseau-Maison"  # 14 bytes in UTF-8
    dataset = Dataset.from_tlvs(tlv(0x03, name.encode()))
    assert dataset.network_name == name
    assert error_for(tlv(0x03, ("é" * 9).encode())).endswith("18 bytes, at most 16")


def test_security_policy_needs_three_bytes() -> None:
    message = error_for(tlv(0x0C, b"\x02\xa0"))
    assert message == "TLV 0x0c (security policy) at offset 0: 2 bytes, at least 3"


def test_thread_1_1_security_policy_of_three_bytes_decodes() -> None:
    dataset = Dataset.from_tlvs(tlv(0x0C, b"\x02\xa0\xf7"))
    assert dataset.security_policy == SecurityPolicy(672, b"\xf7")
    assert dataset.security_policy.text == "672 onrc 0"


@pytest.mark.parametrize("value", ["", "00", "0004001fffe0ff", "0003001fff", "00040000000000"])
def test_channel_mask_must_be_one_four_byte_entry(value: str) -> None:
    message = error_for(tlv(0x35, bytes.fromhex(value)))
    shown = value[:12] if len(value) == 12 else value
    assert message == (
        f"TLV 0x35 (channel mask) at offset 0: {shown or 'empty'}, "
        "must be one entry with a 4-byte mask"
    )


def test_unknown_tlvs_are_kept_and_written_back_in_place() -> None:
    data = tlv(0x80, b"\x01\x02") + bytes.fromhex(GLS20)[:10] + tlv(0x10, b"") + tlv(0x4B, b"zz")
    dataset = Dataset.from_tlvs(data)
    assert dataset.unknown == ((0x10, b""), (0x4B, b"zz"), (0x80, b"\x01\x02"))
    assert dataset.active_timestamp == Timestamp(1)
    assert dataset.to_tlvs() == data


def test_decoding_errors_are_thread_errors() -> None:
    with pytest.raises(ThreadError):
        Dataset.from_tlvs("0")


# Encoding and equality ------------------------------------------------------------------


def test_equality_and_hash_ignore_tlv_order() -> None:
    original = Dataset.from_tlvs(GLS20)
    raw = bytes.fromhex(GLS20)
    reordered = raw[-10:] + raw[:-10]  # the mesh-local prefix TLV first
    other = Dataset.from_tlvs(reordered)
    assert other == original
    assert hash(other) == hash(original)
    assert other.to_tlvs() == reordered
    assert original.to_tlvs() == raw


def test_datasets_with_different_content_differ() -> None:
    original = Dataset.from_tlvs(GLS20)
    assert original != original.replace(pan_id=0x4321)
    assert original != original.replace(unknown=((0x80, b""),))
    assert len({original, original.replace(channel=16)}) == 2


def test_a_constructed_dataset_writes_openthread_s_order() -> None:
    dataset = Dataset(
        security_policy=SecurityPolicy(),
        pan_id=0xFACE,
        pending_timestamp=Timestamp(1),
        delay_timer=30000,
        active_timestamp=Timestamp(100),
        channel=26,
        unknown=((0x80, b"x"),),
    )
    assert dataset.to_hex() == (
        "0e08000000000064000033080000000000010000340400007530000300001a0102face0c0402a0f7f8800178"
    )


def test_channel_page_is_carried_in_the_channel_tlv() -> None:
    dataset = Dataset(channel=3, channel_page=2, wakeup_channel=1, wakeup_channel_page=2)
    assert dataset.to_hex() == "00030200034a03020001"
    assert Dataset.from_tlvs(dataset.to_hex()) == dataset


def test_mesh_local_prefix_is_the_first_eight_bytes() -> None:
    prefix = ipaddress.IPv6Network("fdde:ad00:beef::/64")
    assert Dataset(mesh_local_prefix=prefix).to_hex() == "0708fddead00beef0000"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channel": -1}, "channel: must be an integer from 0 to 65535, got -1"),
        ({"channel": True}, "channel: must be an integer from 0 to 65535, got True"),
        ({"channel": 15, "channel_page": 256}, "channel_page: must be an integer from 0 to 255"),
        ({"channel_page": 2}, "channel_page: must be 0 when there is no channel"),
        ({"wakeup_channel_page": 1}, "wakeup_channel_page: must be 0 when there is no"),
        ({"pan_id": 0x10000}, "pan_id: must be an integer from 0 to 65535"),
        ({"delay_timer": 1 << 32}, "delay_timer: must be an integer from 0 to 4294967295"),
        ({"ext_pan_id": b"1234567"}, "ext_pan_id: must be 8 bytes"),
        ({"pskc": "00" * 16}, "pskc: must be 16 bytes"),
        ({"network_key": bytes(15)}, "network_key: must be 16 bytes"),
        ({"network_name": b"name"}, "network_name: must be str"),
        ({"network_name": "x" * 17}, "network_name: 17 bytes of UTF-8, at most 16"),
        ({"network_name": "\udc80"}, "network name: '\\udc80' cannot be encoded as UTF-8"),
        ({"mesh_local_prefix": "fd00::/64"}, "mesh_local_prefix: must be IPv6Network"),
        (
            {"mesh_local_prefix": ipaddress.IPv6Network("fd00::/48")},
            "mesh_local_prefix: fd00::/48 is not a /64",
        ),
        ({"security_policy": b"\x02\xa0\xf7"}, "security_policy: must be SecurityPolicy"),
        ({"active_timestamp": 1}, "active_timestamp: must be Timestamp"),
        ({"channel_mask": 0x07FFF800}, "channel_mask: must be ChannelMask"),
        ({"unknown": ((0x80,),)}, "unknown: (128,) is not a (type, value) pair"),
        ({"unknown": ((0x80, b""), (0x80, b"x"))}, "unknown: TLV 0x80 appears twice"),
        ({"unknown": ((0x03, b"name"),)}, "unknown: TLV 0x03 is a known type"),
        ({"unknown": ((256, b""),)}, "unknown TLV type: must be an integer from 0 to 255"),
        ({"unknown": ((0x80, "x"),)}, "unknown: TLV 0x80 value must be 0-252 bytes"),
        ({"unknown": ((0x80, bytes(253)),)}, "unknown: TLV 0x80 value must be 0-252 bytes"),
        (
            {"unknown": ((0x80, bytes(200)), (0x81, bytes(60)))},
            "dataset: 264 bytes as TLVs, at most 254",
        ),
    ],
)
def test_construction_checks_every_component(changes: dict[str, object], message: str) -> None:
    with pytest.raises(DatasetError) as caught:
        Dataset(**changes)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_byte_components_are_normalized_to_bytes() -> None:
    raw: dict[str, object] = {"ext_pan_id": bytearray(8), "unknown": ((0x80, bytearray(b"x")),)}
    dataset = Dataset(**raw)  # type: ignore[arg-type]
    assert type(dataset.ext_pan_id) is bytes
    assert dataset.unknown == ((0x80, b"x"),)
    assert hash(dataset) == hash(Dataset(ext_pan_id=bytes(8), unknown=((0x80, b"x"),)))


# Editing ---------------------------------------------------------------------------------


def test_replace_moves_the_changed_tlv_to_the_end() -> None:
    original = Dataset.from_tlvs(GLS20)
    changed = original.replace(pan_id=0x4321)
    assert changed.pan_id == 0x4321
    assert changed.to_hex() == GLS20.replace("01021234", "") + "01024321"


def test_replace_moves_several_in_the_order_given() -> None:
    original = Dataset.from_tlvs(GLS20)
    changed = original.replace(channel=20, network_name="Foo")
    assert changed.to_hex().endswith("0003000014" + "0303466f6f")
    changed = original.replace(network_name="Foo", channel=20)
    assert changed.to_hex().endswith("0303466f6f" + "0003000014")


def test_replace_with_none_removes_a_component() -> None:
    original = Dataset.from_tlvs(GLS20)
    changed = original.replace(pskc=None, wakeup_channel=None)
    assert changed.pskc is None
    assert changed.wakeup_channel is None
    assert "0410" not in changed.to_hex()
    assert changed.to_hex() == GLS20.replace("04103aa55f91ca47d1e4e71a08cb35e91591", "").replace(
        "4a03000011", ""
    )


def test_replace_of_the_channel_page_moves_the_channel_tlv() -> None:
    changed = Dataset.from_tlvs(GLS20).replace(channel_page=2)
    assert changed.to_hex().endswith("000302000f")


def test_replace_of_unknown_tlvs_keeps_the_unchanged_ones_in_place() -> None:
    data = tlv(0x80, b"a") + tlv(0x01, b"\x12\x34") + tlv(0x81, b"b")
    original = Dataset.from_tlvs(data)
    changed = original.replace(unknown=((0x80, b"a"), (0x82, b"c")))
    assert changed.to_tlvs() == tlv(0x80, b"a") + tlv(0x01, b"\x12\x34") + tlv(0x82, b"c")
    changed = original.replace(unknown=((0x81, b"B"), (0x80, b"a")))
    assert changed.to_tlvs() == tlv(0x80, b"a") + tlv(0x01, b"\x12\x34") + tlv(0x81, b"B")


def test_replace_of_a_component_and_unknown_tlvs_moves_both_in_the_order_given() -> None:
    data = tlv(0x80, b"a") + tlv(0x01, b"\x12\x34") + tlv(0x81, b"b")
    original = Dataset.from_tlvs(data)
    unknown = ((0x80, b"a"), (0x81, b"B"))
    changed = original.replace(pan_id=0x4321, unknown=unknown)
    assert changed.to_tlvs() == tlv(0x80, b"a") + tlv(0x01, b"\x43\x21") + tlv(0x81, b"B")
    changed = original.replace(unknown=unknown, pan_id=0x4321)
    assert changed.to_tlvs() == tlv(0x80, b"a") + tlv(0x81, b"B") + tlv(0x01, b"\x43\x21")


def test_replace_moves_a_changed_unknown_tlv_and_drops_a_removed_one() -> None:
    original = Dataset.from_tlvs(tlv(0x80, b"a") + tlv(0x01, b"\x12\x34") + tlv(0x81, b"b"))
    changed = original.replace(unknown=((0x80, b"A"),))
    assert changed.to_tlvs() == tlv(0x01, b"\x12\x34") + tlv(0x80, b"A")


def test_replace_refuses_unknown_names_and_bad_values() -> None:
    original = Dataset.from_tlvs(GLS20)
    with pytest.raises(TypeError, match="no component 'panid'"):
        original.replace(panid=1)
    with pytest.raises(DatasetError, match="pan_id"):
        original.replace(pan_id=-1)
    assert original.pan_id == 0x1234


def test_replace_adds_a_missing_component_at_the_end() -> None:
    original = Dataset.from_tlvs(GLS20)
    changed = original.replace(pending_timestamp=Timestamp(2), delay_timer=1000)
    assert changed.to_hex() == GLS20 + "33080000000000020000" + "3404000003e8"
