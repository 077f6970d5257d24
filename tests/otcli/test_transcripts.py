"""The fixture reader itself: it must see the recordings the way the README describes."""

from __future__ import annotations

import pytest

from .transcripts import (
    FIXTURES,
    exchanges,
    find,
    load,
    nodes,
    otbr_calls,
    otbr_chunks,
    otbr_socket,
    raw,
    timelines,
    unsolicited,
)


def test_every_timeline_is_read() -> None:
    assert len(timelines()) == 11  # 01-10 and 06b
    for name in timelines():
        assert load(name), name


@pytest.mark.parametrize("name", timelines())
def test_cli_nodes_echo_and_answer_every_command(name: str) -> None:
    for node in nodes(name):
        for ex in exchanges(name, node):
            if node == "ctl":
                # One-shot ot-ctl prints no echo (10_otctl_daemon.txt).
                assert not ex.echoed, ex.source
            else:
                assert ex.echoed, ex.source
            if not (name.startswith("10_") and ex.lineno == 325):
                assert ex.result is not None, ex.source


def test_the_reset_one_shot_call_has_no_result() -> None:
    # 10_otctl_daemon.txt:325-328: the second client is reset and prints nothing.
    ex = next(e for e in exchanges("10", "ctl") if e.lineno == 325)
    assert ex.command == "commissioner state"
    assert ex.output == ("",)
    assert ex.result is None


def test_timeline_out_lines_are_the_raw_bytes() -> None:
    # Every OUT line plus CRLF, in order, is the node's raw output (less the last prompt).
    checked = 0
    for path in sorted(FIXTURES.glob("*.raw")):
        stem, part = path.stem.split(".")
        if part == "oneshot":
            continue
        node = "s1" if part == "otctl_session1" else f"n{part[-1]}"
        synth = b"".join(
            e.text.encode() + b"\r\n" for e in load(stem) if e.node == node and e.dir == "OUT"
        )
        data = raw(stem, part)
        assert data.replace(b"\r\n", b"\n").removesuffix(b"> ") == synth.replace(b"\r\n", b"\n")
        checked += 1
    assert checked == 18


def test_exchange_shape() -> None:
    # 01_basic_info.txt:10-13 and :22-24
    first, *_ = exchanges("01", "n1")
    assert (first.command, first.output, first.result) == (
        "version",
        ("OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:44:37",),
        "Done",
    )
    rcp = exchanges("01", "n1")[3]
    assert rcp.command == "rcp version"
    assert rcp.error == (12, "NotImplemented")
    assert not rcp.ok


def test_unsolicited_lines_keep_their_prompt() -> None:
    # 06_commissioning_success.txt:110 and :215
    lines = [e.text for e in unsolicited("06", "n1")]
    assert lines[:2] == ["> Commissioner: active", "> Commissioner: Joiner start d65e64fa83f81cf7"]


def test_ctl_arguments_are_escaped_like_the_cli() -> None:
    # 10_otctl_daemon.txt:66: argv ['networkname', 'Test Network']
    assert [ex.command for ex in find("networkname Test\\ Network")] == [
        "networkname Test\\ Network",
        "networkname Test\\ Network",
        "networkname Test\\ Network",
    ]


def test_otbr_sections() -> None:
    calls = otbr_calls()
    assert calls[0].command == "state"  # 11_otbr_agent_otctl.txt:12
    assert calls[0].output == ("disabled",)
    assert all(c.result is not None for c in calls)
    pairs = otbr_socket()
    assert pairs[0][1:] == (b"state\n", b"leader\r\nDone\r\n> ")  # :427-428
    assert otbr_chunks("C.4")[1].data == b"commissioner state\n"
    assert otbr_chunks("C.5")[0].data == b"commissioner start\n"
    assert {c.direction for c in otbr_chunks("C.5")} == {"in", "out"}
