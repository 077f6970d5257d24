"""Property tests of the dataset codec (hypothesis)."""

from __future__ import annotations

import ipaddress
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from s20.thread import ChannelMask, Dataset, DatasetError, SecurityPolicy, Timestamp, TlvType
from s20.thread._tlv import split_tlvs

_KNOWN = {int(t) for t in TlvType}


T = TypeVar("T")


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


timestamps = st.builds(
    Timestamp,
    seconds=st.integers(0, (1 << 48) - 1),
    ticks=st.integers(0, (1 << 15) - 1),
    authoritative=st.booleans(),
)
policies = st.builds(
    SecurityPolicy,
    rotation_time=st.integers(0, 0xFFFF),
    flags=st.binary(min_size=1, max_size=4),
)
masks = st.builds(ChannelMask, mask=st.integers(0, 0xFFFFFFFF), page=st.integers(0, 255))
prefixes = st.binary(min_size=8, max_size=8).map(
    lambda raw: ipaddress.IPv6Network((raw + bytes(8), 64))
)
# Surrogates (category Cs) cannot be written as UTF-8; OpenThread names are UTF-8.
utf8_names = st.text(st.characters(exclude_categories=["Cs"]), max_size=16).filter(
    lambda s: len(s.encode("utf-8")) <= 16
)
unknowns = st.lists(
    st.tuples(st.integers(0, 255).filter(lambda t: t not in _KNOWN), st.binary(max_size=30)),
    max_size=3,
    unique_by=lambda entry: entry[0],
).map(tuple)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    channel = draw(_optional(st.integers(0, 0xFFFF)))
    wakeup = draw(_optional(st.integers(0, 0xFFFF)))
    return Dataset(
        channel=channel,
        channel_page=draw(st.integers(0, 255)) if channel is not None else 0,
        pan_id=draw(_optional(st.integers(0, 0xFFFF))),
        ext_pan_id=draw(_optional(st.binary(min_size=8, max_size=8))),
        network_name=draw(_optional(utf8_names)),
        pskc=draw(_optional(st.binary(min_size=16, max_size=16))),
        network_key=draw(_optional(st.binary(min_size=16, max_size=16))),
        mesh_local_prefix=draw(_optional(prefixes)),
        security_policy=draw(_optional(policies)),
        active_timestamp=draw(_optional(timestamps)),
        pending_timestamp=draw(_optional(timestamps)),
        delay_timer=draw(_optional(st.integers(0, 0xFFFFFFFF))),
        channel_mask=draw(_optional(masks)),
        wakeup_channel=wakeup,
        wakeup_channel_page=draw(st.integers(0, 255)) if wakeup is not None else 0,
        unknown=draw(unknowns),
    )


@given(datasets())
def test_any_valid_dataset_round_trips(dataset: Dataset) -> None:
    data = dataset.to_tlvs()
    decoded = Dataset.from_tlvs(data)
    assert decoded == dataset
    assert decoded.to_tlvs() == data
    assert Dataset.from_tlvs(dataset.to_hex()) == dataset
    assert dataset.to_hex() == dataset.to_hex().lower()


@given(datasets(), st.randoms(use_true_random=False))
def test_equality_ignores_tlv_order(dataset: Dataset, rng: object) -> None:
    tlvs = split_tlvs(dataset.to_tlvs())
    rng.shuffle(tlvs)  # type: ignore[attr-defined]
    shuffled = b"".join(bytes((t.type, len(t.value))) + t.value for t in tlvs)
    decoded = Dataset.from_tlvs(shuffled)
    assert decoded == dataset
    assert hash(decoded) == hash(dataset)
    assert decoded.to_tlvs() == shuffled


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_dataset_error(data: bytes) -> None:
    try:
        dataset = Dataset.from_tlvs(data)
    except DatasetError:
        return
    assert dataset.to_tlvs() == data


# TLV-shaped input reaches the per-type checks far more often than random bytes do.
_tlv_soup = st.lists(
    st.tuples(
        st.sampled_from([*sorted(_KNOWN), 0x80, 0xFF]),
        st.integers(0, 20) | st.just(0xFF),
        st.binary(max_size=20),
    ),
    max_size=14,
).map(lambda entries: b"".join(bytes((t, n)) + v[:n] for t, n, v in entries))


@settings(max_examples=300)
@given(_tlv_soup)
def test_tlv_shaped_input_decodes_or_raises_dataset_error(data: bytes) -> None:
    try:
        dataset = Dataset.from_tlvs(data)
    except DatasetError:
        return
    assert dataset.to_tlvs() == data


@given(st.text(max_size=60) | st.text("0123456789abcdefABCDEF \n", max_size=60))
def test_any_text_decodes_or_raises_dataset_error(text: str) -> None:
    try:
        dataset = Dataset.from_tlvs(text)
    except DatasetError:
        return
    assert dataset.to_hex() == text.strip().lower()
