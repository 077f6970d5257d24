"""A new random network: what OpenThread's `dataset init new` makes, plus our PSKc and time."""

from __future__ import annotations

import ipaddress
import random

import pytest

from s20.thread import (
    ChannelMask,
    Dataset,
    RuleError,
    SecurityPolicy,
    Timestamp,
    check_pan_id,
    generate_network,
    pskc,
)

NOW = 1_767_225_600.75  # 2026-01-01T00:00:00.75Z


def test_generated_network_has_every_active_component() -> None:
    dataset = generate_network("GL-S20-A1B", 26, "goodlife", now=NOW, rng=random.Random(1))
    assert dataset.network_name == "GL-S20-A1B"
    assert dataset.channel == 26
    assert dataset.channel_page == 0
    assert dataset.active_timestamp == Timestamp(1_767_225_600, 0, False)
    assert dataset.pending_timestamp is None
    assert dataset.delay_timer is None
    assert dataset.unknown == ()
    assert dataset.ext_pan_id is not None
    assert dataset.network_key is not None
    assert dataset.pskc == pskc("goodlife", "GL-S20-A1B", dataset.ext_pan_id)
    assert dataset.pan_id is not None
    assert check_pan_id(dataset.pan_id) == dataset.pan_id
    assert dataset.wakeup_channel is not None
    assert 11 <= dataset.wakeup_channel <= 26
    prefix = dataset.mesh_local_prefix
    assert prefix is not None
    assert prefix.prefixlen == 64
    assert prefix.subnet_of(ipaddress.IPv6Network("fd00::/8"))


def test_mask_and_policy_are_those_of_dataset_init_new(timeline) -> None:
    # 02_dataset_form_network.txt:17-29: `dataset` right after `dataset init new`.
    commands = timeline("02_dataset_form_network.txt")
    shown = next(c for c in commands if c.line == 17).lines
    dataset = generate_network("OpenThread-59f6", 22, "goodlife", now=NOW)
    assert dataset.channel_mask == ChannelMask(0x07FFF800)
    assert dataset.security_policy == SecurityPolicy(672, b"\xf7\xf8")
    assert f"Channel Mask: {dataset.channel_mask.text}" in shown
    assert f"Security Policy: {dataset.security_policy.text}" in shown
    same_labels = [line.split(": ")[0] for line in dataset.text_lines()]
    assert same_labels == [line.split(": ")[0] for line in shown]


def test_a_seeded_rng_repeats_and_different_seeds_differ() -> None:
    first = generate_network("GLS20", 15, "goodlife", now=NOW, rng=random.Random(42))
    again = generate_network("GLS20", 15, "goodlife", now=NOW, rng=random.Random(42))
    other = generate_network("GLS20", 15, "goodlife", now=NOW, rng=random.Random(43))
    assert first == again
    assert first.to_tlvs() == again.to_tlvs()
    assert first.network_key != other.network_key
    assert first.ext_pan_id != other.ext_pan_id


def test_without_an_rng_every_network_is_new() -> None:
    made = [generate_network("GLS20", 15, "goodlife", now=NOW) for _ in range(3)]
    assert len({d.network_key for d in made}) == 3
    assert len({d.ext_pan_id for d in made}) == 3
    assert len({d.mesh_local_prefix for d in made}) == 3


def test_random_values_spread_over_their_ranges() -> None:
    rng = random.Random(5)
    made = [generate_network("GLS20", 15, "goodlife", now=NOW, rng=rng) for _ in range(200)]
    pan_ids = {d.pan_id for d in made}
    assert len(pan_ids) > 190
    assert all(p is not None and 1 <= p <= 0xFFFE for p in pan_ids)
    assert {d.wakeup_channel for d in made} == set(range(11, 27))
    second_bytes = {d.mesh_local_prefix.network_address.packed[1] for d in made}  # type: ignore[union-attr]
    assert len(second_bytes) > 100


def test_the_result_round_trips() -> None:
    dataset = generate_network("GLS20", 15, "goodlife", now=0)
    assert Dataset.from_tlvs(dataset.to_hex()) == dataset
    assert dataset.active_timestamp == Timestamp(0)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("", 15, "goodlife"), {"now": NOW}, "must be 1-16 bytes of UTF-8 text"),
        (("GLS20", 10, "goodlife"), {"now": NOW}, "must be an integer from 11 to 26"),
        (("GLS20", 15, "short"), {"now": NOW}, "must be 6-255 bytes of UTF-8 text"),
        (("GLS20", 15, "goodlife"), {"now": -1.0}, "now must be a Unix time"),
        (("GLS20", 15, "goodlife"), {"now": float("nan")}, "now must be a Unix time"),
        (("GLS20", 15, "goodlife"), {"now": float("inf")}, "now must be a Unix time"),
        (("GLS20", 15, "goodlife"), {"now": True}, "now must be a Unix time"),
        (("GLS20", 15, "goodlife"), {"now": "1"}, "now must be a Unix time"),
    ],
)
def test_inputs_are_checked(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(RuleError, match=message):
        generate_network(*args, **kwargs)  # type: ignore[arg-type]


class EndsRandom(random.Random):
    """A random source that always draws the lowest, or always the highest, value."""

    def __init__(self, *, high: bool) -> None:
        super().__init__(0)
        self.high = high

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        assert stop is None, "generate_network draws from range(n) only"
        return start - 1 if self.high else 0

    def randbytes(self, n: int) -> bytes:
        return (b"\xff" if self.high else b"\x00") * n


def test_random_values_reach_the_low_ends_of_their_ranges() -> None:
    dataset = generate_network("GLS20", 15, "goodlife", now=NOW, rng=EndsRandom(high=False))
    assert dataset.pan_id == 1
    assert dataset.wakeup_channel == 11
    assert dataset.ext_pan_id == bytes(8)
    assert dataset.network_key == bytes(16)
    assert dataset.mesh_local_prefix == ipaddress.IPv6Network("fd00::/64")


def test_random_values_reach_the_high_ends_of_their_ranges() -> None:
    dataset = generate_network("GLS20", 15, "goodlife", now=NOW, rng=EndsRandom(high=True))
    assert dataset.pan_id == 0xFFFE
    assert dataset.wakeup_channel == 26
    assert dataset.ext_pan_id == b"\xff" * 8
    assert dataset.network_key == b"\xff" * 16
    assert dataset.mesh_local_prefix == ipaddress.IPv6Network("fdff:ffff:ffff:ffff::/64")


def test_now_ends_below_two_to_the_48() -> None:
    last = generate_network("GLS20", 15, "goodlife", now=(1 << 48) - 1)
    assert last.active_timestamp == Timestamp(281_474_976_710_655)
    with pytest.raises(RuleError) as caught:
        generate_network("GLS20", 15, "goodlife", now=1 << 48)
    assert str(caught.value) == "now must be a Unix time in seconds, got 281474976710656"
