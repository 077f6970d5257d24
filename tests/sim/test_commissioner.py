"""The commissioner beyond the recordings: limits, steering data, expiry, joined entries."""

from __future__ import annotations

from s20.clock import ManualClock
from s20.sim import World
from s20.thread import JoinerDiscerner, joiner_id, steering_data

from .conftest import MakeNode, form_network, start_commissioner

EUI_A = bytes.fromhex("18b4300000000010")
EUI_B = bytes.fromhex("18b4300000000011")


def _commissioning_line(console_lines: list[str]) -> str:
    return console_lines[console_lines.index("Commissioning:") + 1]


def test_start_needs_an_attached_node_and_stop_needs_a_started_one(make_node: MakeNode) -> None:
    console = make_node()
    assert console.error("commissioner start") == "Error 13: InvalidState"
    # 06_commissioning_success.txt:470 (stop when disabled -> Already)
    assert console.error("commissioner stop") == "Error 24: Already"


def test_active_line_follows_the_prompt_and_start_twice_is_already(
    make_node: MakeNode, clock: ManualClock
) -> None:
    console = make_node()
    form_network(console, clock)
    assert console.ok("commissioner start") == ["Commissioner: petitioning"]
    clock.advance(0)
    assert console.take() == ["Commissioner: active"]
    # 11_otbr_agent_otctl.txt:403 (a second start -> Already)
    assert console.error("commissioner start") == "Error 24: Already"
    assert console.error("commissioner id Other") == "Error 13: InvalidState"


def test_session_id_is_the_leaders_plus_one(make_node: MakeNode, clock: ManualClock) -> None:
    console = make_node()
    form_network(console, clock)
    before = int(_commissioning_line(console.ok("netdata show")).split()[0])
    start_commissioner(console, clock)
    session = int(console.ok("commissioner sessionid")[0])
    assert session == (before + 1) & 0xFFFF
    rloc16 = console.ok("rloc16")[0]
    # Before any joiner is armed the leader publishes locator but no steering data.
    assert _commissioning_line(console.ok("netdata show")) == f"{session} {rloc16} - -"


def test_steering_data_follows_the_armed_joiners(make_node: MakeNode, clock: ManualClock) -> None:
    console = make_node()
    form_network(console, clock)
    start_commissioner(console, clock)
    console.ok(f"commissioner joiner add {EUI_A.hex()} J01NME")
    console.ok("commissioner joiner add 0xabc/12 J02NME")
    expected = steering_data([joiner_id(EUI_A), JoinerDiscerner(0xABC, 12)])
    assert _commissioning_line(console.ok("netdata show")).endswith(f" - {expected.hex()}")
    console.ok("commissioner joiner add * J03NME")
    assert _commissioning_line(console.ok("netdata show")).endswith(" - ff")
    assert console.ok("commissioner joiner remove *") == ["Commissioner: Joiner remove "]
    console.ok("commissioner joiner remove 0xabc/12")
    assert console.ok(f"commissioner joiner remove {EUI_A.hex()}") == [
        f"Commissioner: Joiner remove {joiner_id(EUI_A).hex()}"
    ]
    # No entry left: an all-zero filter that admits nobody.
    assert _commissioning_line(console.ok("netdata show")).endswith(" - " + "00" * 16)


def test_a_fifth_entry_is_refused_and_re_adding_updates_in_place(
    make_node: MakeNode, clock: ManualClock
) -> None:
    console = make_node()
    form_network(console, clock)
    start_commissioner(console, clock)
    for n in range(4):
        console.ok(f"commissioner joiner add 18b43000000000{n + 0x20:02x} J0{n}NME 60")
    assert console.error("commissioner joiner add * J01NME") == "Error 3: NoBufs"
    console.ok("commissioner joiner add 18b4300000000020 NEWPSKD 300")
    rows = console.ok("commissioner joiner table")[2:]
    assert rows[0] == "|      18b4300000000020 |                          NEWPSKD |     300000 |"
    assert len(rows) == 4


def test_entries_expire_with_a_remove_line(make_node: MakeNode, clock: ManualClock) -> None:
    console = make_node()
    form_network(console, clock)
    start_commissioner(console, clock)
    console.ok(f"commissioner joiner add {EUI_B.hex()} J05NME 5")
    console.ok("commissioner joiner add * J01NME 7")
    clock.advance(4.99)
    assert console.take() == []
    clock.advance(0.02)
    # 07_commissioning_failures.txt:476
    assert console.take() == [f"Commissioner: Joiner remove {joiner_id(EUI_B).hex()}"]
    clock.advance(2)
    assert console.take() == ["Commissioner: Joiner remove "]
    assert console.ok("commissioner joiner table") == [
        "| ID                    | PSKd                             | Expiration |",
        "+-----------------------+----------------------------------+------------+",
    ]


def test_stopping_thread_takes_the_commissioner_down(
    make_node: MakeNode, clock: ManualClock, world: World
) -> None:
    console = make_node()
    form_network(console, clock)
    start_commissioner(console, clock)
    assert console.ok("thread stop") == ["Commissioner: disabled"]
    assert console.ok("commissioner state") == ["disabled"]
    assert console.ok("netdata show")[-1] == "- - - -"
