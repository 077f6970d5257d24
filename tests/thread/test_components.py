"""Timestamps, the security policy and the channel mask: wire layout and OpenThread's text."""

from __future__ import annotations

import pytest

from s20.thread import ChannelMask, DatasetError, SecurityPolicy, Timestamp


def test_timestamp_layout() -> None:
    stamp = Timestamp(seconds=0x0102030405, ticks=0x1234, authoritative=True)
    assert stamp.to_bytes().hex() == "000102030405" + "2469"
    assert Timestamp.from_bytes(stamp.to_bytes()) == stamp
    assert Timestamp.from_bytes(bytes.fromhex("ffffffffffffffff")) == Timestamp(
        (1 << 48) - 1, (1 << 15) - 1, True
    )


def test_timestamps_order_like_openthread() -> None:
    assert Timestamp(1) < Timestamp(1, 1) < Timestamp(1, 1, True) < Timestamp(2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seconds": -1}, "timestamp seconds"),
        ({"seconds": 1 << 48}, "timestamp seconds"),
        ({"seconds": 1, "ticks": 1 << 15}, "timestamp ticks"),
        ({"seconds": 1, "authoritative": 1}, "timestamp authoritative: must be a bool"),
    ],
)
def test_timestamp_checks(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        Timestamp(**kwargs)  # type: ignore[arg-type]


def test_timestamp_from_bytes_needs_eight() -> None:
    with pytest.raises(DatasetError, match="timestamp: 7 bytes, must be 8"):
        Timestamp.from_bytes(bytes(7))


@pytest.mark.parametrize(
    ("flags", "text"),
    [
        ("f7f8", "672 onrc 0"),  # what every transcript shows
        ("fff8", "672 onrc 0"),  # the old beacons bit has no letter
        ("00f8", "672 Cep 0"),
        ("0838", "672 CepR 0"),
        ("f7fb", "672 onrc 3"),
        ("80", "672 oCep 0"),  # Thread 1.1: one flag byte, second byte as OpenThread's default
        ("f7f8ffff", "672 onrc 0"),
    ],
)
def test_security_policy_letters(flags: str, text: str) -> None:
    assert SecurityPolicy(672, bytes.fromhex(flags)).text == text


def test_security_policy_properties() -> None:
    policy = SecurityPolicy(flags=bytes.fromhex("0b3a"))
    assert (policy.obtain_network_key, policy.native_commissioning, policy.routers) == (
        False,
        False,
        False,
    )
    assert policy.external_commissioning is False
    assert policy.commercial_commissioning is True
    assert policy.autonomous_enrollment is False
    assert policy.network_key_provisioning is False
    assert policy.toble_link is False
    assert policy.non_ccm_routers is True
    assert policy.version_threshold_for_routing == 2
    assert policy.flags_text == "CR"
    one_byte = SecurityPolicy(flags=b"\x00")
    assert (one_byte.toble_link, one_byte.non_ccm_routers) == (True, False)


def test_security_policy_defaults_are_dataset_init_new() -> None:
    # 09_dataset_tlv_vectors.txt:101 carries 0c0402a0f7f8 for "672 onrc 0".
    assert SecurityPolicy().to_bytes().hex() == "02a0f7f8"
    assert SecurityPolicy.from_bytes(bytes.fromhex("02a0f7f8")) == SecurityPolicy()


def test_security_policy_checks() -> None:
    with pytest.raises(DatasetError, match="rotation time"):
        SecurityPolicy(0x10000)
    with pytest.raises(DatasetError, match="flags: must be 1-250 bytes"):
        SecurityPolicy(672, b"")
    with pytest.raises(DatasetError, match="security policy: 2 bytes, at least 3"):
        SecurityPolicy.from_bytes(b"\x02\xa0")
    assert SecurityPolicy(672, bytearray(b"\xf7")).flags == b"\xf7"  # type: ignore[arg-type]


def test_channel_mask_bits_are_reversed_on_the_wire() -> None:
    # 09_dataset_tlv_vectors.txt:90 and :101: 0x07fff800 travels as 0004001fffe0.
    mask = ChannelMask(0x07FFF800)
    assert mask.to_bytes().hex() == "0004001fffe0"
    assert mask.channels == tuple(range(11, 27))
    assert mask.text == "0x07fff800"
    assert ChannelMask.from_bytes(bytes.fromhex("0004001fffe0")) == mask
    assert ChannelMask.from_channels(range(11, 27)) == mask
    assert ChannelMask.from_channels([0, 31], page=2).to_bytes().hex() == "020480000001"


def test_channel_mask_checks() -> None:
    with pytest.raises(DatasetError, match="channel mask: must be an integer"):
        ChannelMask(1 << 32)
    with pytest.raises(DatasetError, match="channel mask page"):
        ChannelMask(0, page=256)
    with pytest.raises(DatasetError, match="channel mask channel"):
        ChannelMask.from_channels([32])
    with pytest.raises(DatasetError, match="must be one entry with a 4-byte mask"):
        ChannelMask.from_bytes(bytes.fromhex("0003001fff"))
