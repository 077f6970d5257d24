"""Joiner IDs, discerners and steering data against transcripts 01, 06 and 08."""

from __future__ import annotations

import hashlib
import random

import pytest

from s20.thread import (
    WILDCARD,
    JoinerDiscerner,
    RuleError,
    joiner_id,
    steering_data,
    steering_data_contains,
)


def _eui64_joiner_id_pairs(commands) -> list[tuple[str, str, str]]:
    """Pair each node's `eui64` answer with the `joiner id` it printed next, as (eui, id, where)."""
    pairs = []
    eui: dict[str, str] = {}
    for command in commands:
        if command.text == "eui64":
            eui[command.node] = command.lines[0]
        elif command.text == "joiner id" and command.node in eui:
            pairs.append((eui.pop(command.node), command.lines[0], command.where()))
    return pairs


@pytest.mark.parametrize(
    ("file", "count"),
    [
        ("01_basic_info.txt", 1),  # :33 eui64 18b4300000000001, :160 joiner id
        ("06_commissioning_success.txt", 2),  # :146/:150 node 2, :295/:299 node 3
        ("08_joiner_discerner.txt", 1),  # :11/:15 before any discerner is set
    ],
)
def test_joiner_id_matches_openthread(timeline, file: str, count: int) -> None:
    pairs = _eui64_joiner_id_pairs(timeline(file))
    assert len(pairs) == count
    for eui, expected, where in pairs:
        assert joiner_id(bytes.fromhex(eui)).hex() == expected, where


def test_joiner_id_vectors_from_the_brief() -> None:
    assert joiner_id(bytes.fromhex("18b4300000000002")).hex() == "d65e64fa83f81cf7"
    assert joiner_id(bytes.fromhex("18b4300000000003")).hex() == "92335c4b320830fb"
    assert joiner_id(bytes.fromhex("18b4300000000001")).hex() == "cfe0d8dd4efc2973"


def test_joiner_id_sets_the_local_bit() -> None:
    # SHA-256(18b4300000000002) starts d45e...: the local bit (0x02) makes it d65e..., the
    # ID of 06_commissioning_success.txt:152; the rest is the digest unchanged.
    digest = hashlib.sha256(bytes.fromhex("18b4300000000002")).digest()
    assert digest[:8].hex() == "d45e64fa83f81cf7"
    assert joiner_id(bytes.fromhex("18b4300000000002")).hex() == "d65e64fa83f81cf7"


@pytest.mark.parametrize("bad", [b"1234567", bytes(9), "18b4300000000001"])
def test_joiner_id_needs_eight_bytes(bad: object) -> None:
    with pytest.raises(RuleError, match="EUI-64 must be 8 bytes"):
        joiner_id(bad)  # type: ignore[arg-type]


# Discerners ------------------------------------------------------------------------------


def test_discerner_text_form_matches_the_cli(timeline) -> None:
    # 08_joiner_discerner.txt:22 sets `0xabc/12`; :25-27 prints it back the same way.
    commands = {c.line: c for c in timeline("08_joiner_discerner.txt")}
    given = commands[22].text.removeprefix("joiner discerner ")
    discerner = JoinerDiscerner.parse(given)
    assert discerner == JoinerDiscerner(0xABC, 12)
    assert str(discerner) == commands[25].lines[0] == "0xabc/12"


def test_discerner_parses_the_commissioner_table_form() -> None:
    # 08_joiner_discerner.txt:125 lists the entry as 0x0000000000000abc/12.
    assert JoinerDiscerner.parse("0x0000000000000abc/12") == JoinerDiscerner(0xABC, 12)
    assert JoinerDiscerner.parse("2748/12") == JoinerDiscerner(0xABC, 12)
    assert JoinerDiscerner.parse(" 0XABC/12 ") == JoinerDiscerner(0xABC, 12)


@pytest.mark.parametrize("text", ["0xabc", "0xabc/", "/12", "0xabg/12", "abc/12", "0xabc/12/1"])
def test_discerner_parse_refuses_garbage(text: str) -> None:
    with pytest.raises(RuleError, match="discerner must look like 0xabc/12"):
        JoinerDiscerner.parse(text)


def test_discerner_matches_the_ids_seen_in_transcript_08(timeline) -> None:
    # :31 the joiner's own ID after `joiner discerner 0xabc/12`; :177 the ID the
    # commissioner saw when that joiner joined. Both have random upper bits.
    commands = {c.line: c for c in timeline("08_joiner_discerner.txt")}
    own_id = bytes.fromhex(commands[29].lines[0])
    discerner = JoinerDiscerner(0xABC, 12)
    events = [
        (number, text)
        for command in commands.values()
        for number, text in command.out
        if text.startswith("Commissioner: Joiner start ")
    ]
    assert [number for number, _ in events] == [177]
    seen = bytes.fromhex(events[0][1].split()[-1])
    assert seen != own_id
    for ident in (own_id, seen):
        assert discerner.matches(ident)
        assert ident[0] & 0x02
    assert not discerner.matches(joiner_id(bytes.fromhex("18b4300000000002")))
    assert not JoinerDiscerner(0xABD, 12).matches(own_id)


def test_discerner_joiner_id_is_what_openthread_hashes_into_steering_data() -> None:
    assert JoinerDiscerner(0xABC, 12).joiner_id.hex() == "0000000000000abc"
    assert JoinerDiscerner((1 << 64) - 1, 64).joiner_id == b"\xff" * 8


def test_generated_joiner_ids_carry_the_discerner_and_the_local_bit() -> None:
    discerner = JoinerDiscerner(0x5, 3)
    rng = random.Random(7)
    ids = {discerner.generate_joiner_id(rng) for _ in range(50)}
    assert len(ids) == 50
    for ident in ids:
        assert discerner.matches(ident)
        assert ident[0] & 0x02
    again = JoinerDiscerner(0x5, 3).generate_joiner_id(random.Random(7))
    assert again == JoinerDiscerner(0x5, 3).generate_joiner_id(random.Random(7))
    assert discerner.generate_joiner_id() != discerner.generate_joiner_id()


def test_a_64_bit_discerner_leaves_only_the_local_bit_free() -> None:
    discerner = JoinerDiscerner(0x1122334455667788, 64)
    assert discerner.generate_joiner_id().hex() == "1322334455667788"


@pytest.mark.parametrize(
    ("value", "bit_length", "message"),
    [
        (0, 0, "bit length must be 1-64, got 0"),
        (0, 65, "bit length must be 1-64, got 65"),
        (0x1234, 4, "value 0x1234 does not fit in 4 bits"),  # OpenThread masks it (08:33)
        (-1, 8, "does not fit in 8 bits"),
        (True, 8, "discerner value must be an integer"),
        (1, True, "discerner bit_length must be an integer"),
        ("0xabc", 12, "discerner value must be an integer"),
    ],
)
def test_discerner_checks(value: object, bit_length: object, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        JoinerDiscerner(value, bit_length)  # type: ignore[arg-type]


def test_matches_needs_an_eight_byte_id() -> None:
    with pytest.raises(RuleError, match="joiner ID must be 8 bytes"):
        JoinerDiscerner(1, 1).matches(b"\x01")


# Steering data -----------------------------------------------------------------------------


def test_steering_data_for_one_eui64_joiner() -> None:
    # The EUI-64 joiner of 06_commissioning_success.txt:303 (18b4300000000003).
    ident = joiner_id(bytes.fromhex("18b4300000000003"))
    assert steering_data([ident]).hex() == "00000000000008002000000000000000"


def test_wildcard_steering_data_is_what_the_leader_publishes(timeline) -> None:
    # 06_commissioning_success.txt:123 adds `*`; :139 `netdata show` lists the
    # commissioning data as "<session> <rloc> <port> <steering>", steering ff.
    commands = {c.line: c for c in timeline("06_commissioning_success.txt")}
    assert commands[123].text.startswith("commissioner joiner add * ")
    row = commands[132].lines[commands[132].lines.index("Commissioning:") + 1]
    assert bytes.fromhex(row.split()[3]) == steering_data(WILDCARD)
    assert steering_data(WILDCARD) == b"\xff"
    ident = joiner_id(bytes.fromhex("18b4300000000003"))
    assert steering_data([ident, WILDCARD]) == b"\xff"


def test_steering_data_combines_joiners_and_discerners() -> None:
    first = joiner_id(bytes.fromhex("18b4300000000002"))
    second = joiner_id(bytes.fromhex("18b4300000000003"))
    discerner = JoinerDiscerner(0xABC, 12)
    data = steering_data([first, second, discerner])
    assert bin(int.from_bytes(data, "big")).count("1") <= 6
    for member in (first, second, discerner):
        assert steering_data_contains(data, member)
        single = steering_data([member])
        assert bin(int.from_bytes(single, "big")).count("1") in (1, 2)
        assert int.from_bytes(single, "big") & ~int.from_bytes(data, "big") == 0
    outsider = joiner_id(bytes.fromhex("18b4300000000001"))
    assert not steering_data_contains(steering_data([second]), outsider)


def test_steering_data_contains_the_one_vector_joiner() -> None:
    data = bytes.fromhex("00000000000008002000000000000000")
    assert steering_data_contains(data, bytes.fromhex("92335c4b320830fb"))
    assert not steering_data_contains(data, bytes.fromhex("d65e64fa83f81cf7"))
    assert steering_data_contains(b"\xff", bytes.fromhex("d65e64fa83f81cf7"))
    assert not steering_data_contains(b"", bytes.fromhex("d65e64fa83f81cf7"))


def test_steering_data_length_is_adjustable() -> None:
    ident = joiner_id(bytes.fromhex("18b4300000000003"))
    short = steering_data([ident], length=2)
    assert len(short) == 2
    assert short != b"\x00\x00"
    assert steering_data_contains(short, ident)
    assert steering_data([]) == bytes(16)


@pytest.mark.parametrize("length", [0, 17, True])
def test_steering_data_length_checks(length: int) -> None:
    with pytest.raises(RuleError, match="steering data length"):
        steering_data([], length=length)


@pytest.mark.parametrize("bad", ["*", b"1234567", "92335c4b320830fb", 3])
def test_steering_data_refuses_other_joiners(bad: object) -> None:
    with pytest.raises(RuleError):
        steering_data([bad])  # type: ignore[list-item]
