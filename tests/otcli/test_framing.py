"""Line framing, prompts and argument escaping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s20.otcli import LineFramer, command_line, escape_arg
from s20.otcli._framing import clean_line, match_result

from .transcripts import otbr_chunks, raw


def test_framer_splits_crlf_and_keeps_partial_prompt() -> None:
    framer = LineFramer()
    # 01_basic_info.node1.raw starts with the prompt, the echo and the reply.
    data = raw("01", "node1")[:80]
    assert data.startswith(b"> version\r\nOPENTHREAD/de3788c66; SIMULATION")
    lines = framer.feed(data[:5]) + framer.feed(data[5:])
    assert lines[:3] == [
        "version",
        "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:44:37",
        "Done",
    ]
    assert framer.partial.startswith(b"> ")


def test_framer_holds_a_line_until_its_newline() -> None:
    framer = LineFramer()
    assert framer.feed(b"> Commissioner: Joiner start 12eb") == []
    assert framer.partial == b"> Commissioner: Joiner start 12eb"
    # 11_otbr_agent_otctl.txt:569-570: one event split across two reads.
    assert framer.feed(b"a0be7e4a8221\r\r\n") == ["Commissioner: Joiner start 12eba0be7e4a8221"]
    assert framer.partial == b""
    framer.feed(b"> half")
    framer.reset()
    assert framer.partial == b""


def test_pty_escapes_and_doubled_carriage_returns_are_removed() -> None:
    # 11_otbr_agent_otctl.txt:543-549 (interactive ot-ctl on a pty).
    framer = LineFramer()
    lines = []
    for chunk in otbr_chunks("C.4")[:7]:
        if chunk.direction == "out":
            lines += framer.feed(chunk.data)
    assert lines == ["commissioner state", "disabled", "Done"]
    assert framer.partial == b"> "


def test_repeated_prompts_are_stripped() -> None:
    # 11_otbr_agent_otctl.txt:601: a node that printed a prompt twice before the echo.
    assert clean_line(b"> > eui64\r") == "eui64"
    assert clean_line(b"> ") == ""
    assert clean_line(b"Commissioner: Joiner remove ") == "Commissioner: Joiner remove "


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    assert clean_line(b"| \xff net |") == "| \ufffd net |"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Done", (0, "Done")),
        ("Error 23: NotFound", (23, "NotFound")),  # 01_basic_info.txt:119
        ("Error 7: InvalidArgs", (7, "InvalidArgs")),
        ("Done ", None),
        ("Error: something", None),
        ("leader", None),
    ],
)
def test_match_result(line: str, expected: tuple[int, str] | None) -> None:
    assert match_result(line) == expected


def test_escaping_matches_the_recordings() -> None:
    # 02_dataset_form_network.txt:520 and 03_pskc.txt:10: `networkname Test\ Network`.
    assert command_line("networkname", "Test Network") == "networkname Test\\ Network"
    assert command_line("dataset networkname", "Test Network") == (
        "dataset networkname Test\\ Network"
    )
    assert command_line("commissioner joiner add", "*", "J01NME", 120) == (
        "commissioner joiner add * J01NME 120"
    )
    assert escape_arg("tab\there") == "tab\\\there"
    assert escape_arg("a\\b") == "a\\b"


@pytest.mark.parametrize("bad", ["", "two\nlines", "cr\r", "end\\", "a\\ b", "a\\\\b", "a\\\tb"])
def test_unrepresentable_arguments_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"argument|empty"):
        escape_arg(bad)


@pytest.mark.parametrize("bad", ["", "   ", "state\n", "a\rb"])
def test_bad_commands_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="command"):
        command_line(bad)


def _ot_tokenize(line: str, *, backslash_escapes_backslash: bool) -> list[str]:
    """Model OpenThread's Utils::CmdLineParser::ParseCmd (old and new escaping rules)."""
    separators = " \t\r\n"
    escapable = separators + ("\\" if backslash_escapes_backslash else "")
    args: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line) and line[i + 1] in escapable:
            current.append(line[i + 1])
            i += 2
            continue
        if c in separators:
            if current:
                args.append("".join(current))
                current = []
        else:
            current.append(c)
        i += 1
    if current:
        args.append("".join(current))
    return args


_ARG_CHARS = st.sampled_from(["a", "Z", "0", " ", "\t", "\\", "é", "*", "/", ":"])


@given(st.lists(st.text(_ARG_CHARS, min_size=1, max_size=12), min_size=1, max_size=4))
def test_escaped_arguments_survive_the_cli_tokenizer(args: list[str]) -> None:
    try:
        line = command_line("networkname", *args)
    except ValueError:
        # Only arguments with an ambiguous backslash are refused.
        assert any("\\ " in a or "\\\t" in a or "\\\\" in a or a.endswith("\\") for a in args)
        return
    for new_rules in (False, True):
        assert _ot_tokenize(line, backslash_escapes_backslash=new_rules) == ["networkname", *args]
