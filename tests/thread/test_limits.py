"""Exact limits: each bound itself is accepted, one past it is refused with the rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from s20.thread import (
    ChannelMask,
    Dataset,
    DatasetError,
    JoinerDiscerner,
    RuleError,
    SecurityPolicy,
    Timestamp,
    joiner_id,
    steering_data,
)


def tlv(tlv_type: int, value: bytes) -> bytes:
    return bytes((tlv_type, len(value))) + value


# Dataset size: OpenThread takes at most 254 bytes of TLVs ---------------------------------


def test_a_dataset_of_exactly_254_bytes_decodes_and_encodes() -> None:
    data = tlv(0x80, bytes(200)) + tlv(0x81, bytes(50))
    assert len(data) == 254
    assert Dataset.from_tlvs(data).to_tlvs() == data
    assert Dataset(unknown=((0x80, bytes(200)), (0x81, bytes(50)))).to_tlvs() == data


def test_a_dataset_of_255_bytes_is_refused() -> None:
    data = tlv(0x80, bytes(200)) + tlv(0x81, bytes(51))
    with pytest.raises(DatasetError) as caught:
        Dataset.from_tlvs(data)
    assert str(caught.value) == "dataset: 255 bytes, at most 254"
    with pytest.raises(DatasetError) as caught:
        Dataset(unknown=((0x80, bytes(200)), (0x81, bytes(51))))
    assert str(caught.value) == "dataset: 255 bytes as TLVs, at most 254"


def test_a_network_name_tlv_holds_16_bytes_not_17() -> None:
    # Network Name is TLV type 3; the Thread specification caps it at 16 bytes.
    assert Dataset.from_tlvs(tlv(3, b"A" * 16)).network_name == "A" * 16
    with pytest.raises(DatasetError) as caught:
        Dataset.from_tlvs(tlv(3, b"A" * 17))
    assert "17 bytes, at most 16" in str(caught.value)


def test_one_unknown_tlv_may_hold_252_bytes() -> None:
    dataset = Dataset(unknown=((0x80, bytes(252)),))
    assert dataset.to_tlvs() == b"\x80\xfc" + bytes(252)
    with pytest.raises(DatasetError) as caught:
        Dataset(unknown=((0x80, bytes(253)),))
    assert str(caught.value) == "unknown: TLV 0x80 value must be 0-252 bytes"


def test_the_longest_security_policy_fills_a_dataset() -> None:
    # Two bytes of rotation time and 250 flag bytes: a 254-byte TLV.
    policy = SecurityPolicy(672, b"\xf7\xf8" + bytes(248))
    data = Dataset(security_policy=policy).to_tlvs()
    assert data == b"\x0c\xfc\x02\xa0\xf7\xf8" + bytes(248)
    assert Dataset.from_tlvs(data).security_policy == policy
    with pytest.raises(DatasetError) as caught:
        SecurityPolicy(672, bytes(251))
    assert str(caught.value).startswith("security policy flags: must be 1-250 bytes, got ")


def test_a_one_byte_security_policy_is_the_shortest() -> None:
    assert SecurityPolicy(0, b"\x00").to_bytes() == b"\x00\x00\x00"
    with pytest.raises(DatasetError, match="must be 1-250 bytes"):
        SecurityPolicy(0, b"")


# Integer components: the ends of each range, and bool or non-integers refused ---------------


def test_timestamp_ranges_end_at_48_and_15_bits() -> None:
    assert Timestamp((1 << 48) - 1, (1 << 15) - 1).to_bytes() == b"\xff" * 7 + b"\xfe"
    assert Timestamp(0, 0).to_bytes() == bytes(8)
    with pytest.raises(DatasetError) as caught:
        Timestamp(1 << 48)
    assert str(caught.value) == (
        "timestamp seconds: must be an integer from 0 to 281474976710655, got 281474976710656"
    )
    with pytest.raises(DatasetError) as caught:
        Timestamp(0, -1)
    assert str(caught.value) == "timestamp ticks: must be an integer from 0 to 32767, got -1"


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (Timestamp, (True,), "timestamp seconds: must be an integer from 0 to"),
        (Timestamp, (1, True), "timestamp ticks: must be an integer from 0 to 32767, got"),
        (Timestamp, (1.0,), "timestamp seconds: must be an integer from 0 to"),
        (Timestamp, (1, 0.5), "timestamp ticks: must be an integer from 0 to 32767, got"),
        (Timestamp, ("1",), "timestamp seconds: must be an integer from 0 to"),
        (SecurityPolicy, (True,), "security policy rotation time: must be an integer"),
        (SecurityPolicy, (672.0,), "security policy rotation time: must be an integer"),
        (ChannelMask, (True,), "channel mask: must be an integer from 0 to 4294967295"),
        (ChannelMask, (1, False), "channel mask page: must be an integer from 0 to"),
        (ChannelMask, (2.0**11,), "channel mask: must be an integer from 0 to 4294967295"),
        (ChannelMask.from_channels, ([True],), "channel mask channel: must be an integer"),
    ],
)
def test_bool_and_non_integer_components_are_refused(
    make: Callable[..., object], args: tuple[object, ...], message: str
) -> None:
    with pytest.raises(DatasetError) as caught:
        make(*args)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pan_id": True}, "pan_id: must be an integer from 0 to 65535, got True"),
        ({"pan_id": 1.0}, "pan_id: must be an integer from 0 to 65535, got 1.0"),
        ({"delay_timer": False}, "delay_timer: must be an integer from 0 to 4294967295, got"),
        ({"channel": 15, "channel_page": True}, "channel_page: must be an integer from 0 to"),
        ({"unknown": ((True, b""),)}, "unknown TLV type: must be an integer from 0 to 255"),
    ],
)
def test_bool_and_non_integer_dataset_fields_are_refused(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(DatasetError) as caught:
        Dataset(**changes)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_dataset_integer_fields_take_their_whole_range() -> None:
    largest = Dataset(
        channel=0xFFFF,
        channel_page=0xFF,
        pan_id=0xFFFF,
        delay_timer=0xFFFFFFFF,
        wakeup_channel=0xFFFF,
        wakeup_channel_page=0xFF,
        unknown=((0xFF, b""),),
    )
    assert largest.to_hex() == "3404ffffffff0003ffffff4a03ffffff0102ffffff00"
    smallest = Dataset(channel=0, pan_id=0, delay_timer=0, wakeup_channel=0, unknown=((8, b""),))
    assert smallest.to_hex() == "34040000000000030000004a030000000102000008" + "00"


# Joiner discerners and steering data -----------------------------------------------------


def test_a_discerner_value_runs_from_zero_to_all_ones() -> None:
    assert str(JoinerDiscerner(0, 1)) == "0x0/1"
    assert str(JoinerDiscerner(1, 1)) == "0x1/1"
    assert str(JoinerDiscerner(0xFF, 8)) == "0xff/8"
    assert JoinerDiscerner(0, 8).matches(bytes.fromhex("ffffffffffffff00"))
    with pytest.raises(RuleError) as caught:
        JoinerDiscerner(0x100, 8)
    assert str(caught.value) == "discerner value 0x100 does not fit in 8 bits"
    with pytest.raises(RuleError) as caught:
        JoinerDiscerner(2, 1)
    assert str(caught.value) == "discerner value 0x2 does not fit in 1 bits"


def test_steering_data_of_one_byte() -> None:
    # 06_commissioning_success.txt:303's joiner sets bits 75 and 61 of 16 bytes
    # (00000000000008002000000000000000); in 8 bits that is bits 3 and 5.
    ident = joiner_id(bytes.fromhex("18b4300000000003"))
    assert steering_data([ident], length=1) == b"\x28"
    assert steering_data([], length=1) == b"\x00"


def test_a_discerner_matches_its_own_bits_only() -> None:
    discerner = JoinerDiscerner(0xABC, 12)
    assert discerner.matches(bytes.fromhex("0000000000001abc"))
    assert discerner.matches(bytes.fromhex("ffffffffffff5abc"))
    assert not discerner.matches(bytes.fromhex("0000000000000abd"))


def test_steering_data_refusals_name_the_rule() -> None:
    with pytest.raises(RuleError) as caught:
        steering_data([], length=True)
    assert str(caught.value) == "steering data length must be an integer"
    with pytest.raises(RuleError) as caught:
        steering_data([], length=17)
    assert str(caught.value) == "steering data length must be 1-16, got 17"
    with pytest.raises(RuleError) as caught:
        steering_data(["*"])  # type: ignore[list-item]
    assert str(caught.value) == "joiner must be an 8-byte ID, a discerner or WILDCARD: '*'"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("", "empty"),
        ("0003001fffe0", "0003001fffe0"),  # six bytes, but a 3-byte mask
        ("0004001fffe000", "0004001fffe000"),  # a 4-byte mask and one byte more
    ],
)
def test_channel_mask_from_bytes_takes_one_entry_of_six_bytes(value: str, shown: str) -> None:
    with pytest.raises(DatasetError) as caught:
        ChannelMask.from_bytes(bytes.fromhex(value))
    assert str(caught.value) == (f"channel mask: {shown}, must be one entry with a 4-byte mask")


def test_replace_moves_a_component_and_an_unknown_tlv_in_the_order_given() -> None:
    # Channel (TLV 0), PAN ID (1), then an unknown TLV 0x80: channel is first, not last.
    data = tlv(0, bytes((0, 0, 11))) + tlv(1, bytes((0x12, 0x34))) + tlv(0x80, b"\x01")
    changed = Dataset.from_tlvs(data).replace(channel=15, unknown=((0x80, b"\x02"),))
    assert changed.to_tlvs() == (
        tlv(1, bytes((0x12, 0x34))) + tlv(0, bytes((0, 0, 15))) + tlv(0x80, b"\x02")
    )
