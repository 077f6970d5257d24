"""Typed events from the asynchronous lines of every recording."""

from __future__ import annotations

import pytest

from s20.otcli import (
    CommissionerJoinerEvent,
    CommissionerState,
    CommissionerStateChanged,
    JoinerEventKind,
    JoinResult,
    LogLine,
    UnknownLine,
    is_event_line,
    parse_event,
)

from .transcripts import exchanges, nodes, otbr_chunks, strip_prompts, timelines, unsolicited


def _recorded_async_lines() -> list[tuple[str, str]]:
    lines = []
    for name in timelines():
        for node in nodes(name):
            lines += [(u.source, strip_prompts(u.text)) for u in unsolicited(name, node)]
            for ex in exchanges(name, node):
                lines += [(ex.source, out) for out in ex.output if out.startswith("Commissioner: ")]
    return lines


def test_every_recorded_async_line_is_a_known_event() -> None:
    lines = _recorded_async_lines()
    assert len(lines) > 100
    for source, line in lines:
        assert is_event_line(line), source
        assert not isinstance(parse_event(line), UnknownLine), source


def test_otbr_session_events_are_known() -> None:
    # 11_otbr_agent_otctl.txt C.5: every line received from the socket, split into lines.
    data = b"".join(c.data for c in otbr_chunks("C.5") if c.direction == "out")
    lines = [strip_prompts(line) for line in data.decode().split("\r\n")]
    events = [line for line in lines if line.startswith("Commissioner")]
    assert len(events) == 8
    assert all(is_event_line(line) for line in events)


@pytest.mark.parametrize(
    ("line", "event"),
    [
        # 06_commissioning_success.txt:108, :110, :462
        ("Commissioner: petitioning", CommissionerStateChanged(CommissionerState.PETITIONING)),
        ("Commissioner: active", CommissionerStateChanged(CommissionerState.ACTIVE)),
        ("Commissioner: disabled", CommissionerStateChanged(CommissionerState.DISABLED)),
        # 06:215, :229, :230, :268, :433 and the wildcard removal :437
        (
            "Commissioner: Joiner start d65e64fa83f81cf7",
            CommissionerJoinerEvent(JoinerEventKind.START, "d65e64fa83f81cf7"),
        ),
        (
            "Commissioner: Joiner connect d65e64fa83f81cf7",
            CommissionerJoinerEvent(JoinerEventKind.CONNECT, "d65e64fa83f81cf7"),
        ),
        (
            "Commissioner: Joiner finalize d65e64fa83f81cf7",
            CommissionerJoinerEvent(JoinerEventKind.FINALIZE, "d65e64fa83f81cf7"),
        ),
        (
            "Commissioner: Joiner end d65e64fa83f81cf7",
            CommissionerJoinerEvent(JoinerEventKind.END, "d65e64fa83f81cf7"),
        ),
        (
            "Commissioner: Joiner remove 92335c4b320830fb",
            CommissionerJoinerEvent(JoinerEventKind.REMOVE, "92335c4b320830fb"),
        ),
        ("Commissioner: Joiner remove ", CommissionerJoinerEvent(JoinerEventKind.REMOVE, None)),
        # 06:242 and 07_commissioning_failures.txt:58, :349
        ("Join success", JoinResult(success=True)),
        ("Join failed [NotFound]", JoinResult(success=False, reason="NotFound")),
        ("Join failed [Security]", JoinResult(success=False, reason="Security")),
        # 06b_commissioning_success_REFERENCE_DEVICE_build.txt:238
        (
            "00:00:13.169 [-] --------------: [THCI] direction=recv | type=JOIN_ENT.ntf",
            LogLine("00:00:13.169 [-] --------------: [THCI] direction=recv | type=JOIN_ENT.ntf"),
        ),
        (
            "[N] Mle-----------: Role detached -> leader",
            LogLine("[N] Mle-----------: Role detached -> leader"),
        ),
    ],
)
def test_event_values(line: str, event: object) -> None:
    assert parse_event(line) == event


@pytest.mark.parametrize(
    "line",
    [
        "leader",
        "Done",
        "Commissioner: Joiner start",  # no id: only a removal may omit it
        "Commissioner: Joiner start D65E64FA83F81CF7",  # ids are printed in lower case
        "Commissioner: Joiner start d65e64fa83f81cf7 extra",
        "Commissioner: unknown",
        "Join failed",
        "BR multi AIL callback: detected",
        "| 1234 | 8a76c20c9d8fc956 | 15 | -20 |   0 |",
    ],
)
def test_other_lines_are_unknown(line: str) -> None:
    assert parse_event(line) == UnknownLine(line)
    assert not is_event_line(line)
