"""The CLI's line discipline: echo, prompt, line endings, editing, argument splitting."""

from __future__ import annotations

import random

import pytest

from s20.clock import ManualClock
from s20.sim import CliError, OtError, VirtualNode, World
from s20.sim._line import LineEditor, Typed, split_args

from .conftest import MakeNode


def test_boot_prompt_is_kept_until_someone_attaches(world: World, clock: ManualClock) -> None:
    # Every raw recording starts with "> " before the first echo (e.g. 01 node1.raw).
    node = VirtualNode(world, clock, rng=random.Random(1))
    out = bytearray()
    node.attach(out.extend)
    assert out == b"> "


def test_command_bytes_are_echo_output_done_prompt(make_node: MakeNode) -> None:
    console = make_node()
    console.output.clear()
    console.node.receive(b"state\n")
    # 01_basic_info.node1.raw: b"> state\r\ndisabled\r\nDone\r\n> "
    assert bytes(console.output) == b"state\r\ndisabled\r\nDone\r\n> "


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_any_line_ending_runs_the_line_once(make_node: MakeNode, ending: bytes) -> None:
    console = make_node()
    console.output.clear()
    console.node.receive(b"rloc16" + ending)
    assert bytes(console.output) == b"rloc16\r\nfffe\r\nDone\r\n> "


def test_line_split_across_chunks_and_crlf_split_too(make_node: MakeNode) -> None:
    console = make_node()
    console.output.clear()
    for chunk in (b"ifcon", b"fig\r", b"\nifconfig\n"):
        console.node.receive(chunk)
    assert bytes(console.output) == b"ifconfig\r\ndown\r\nDone\r\n> ifconfig\r\ndown\r\nDone\r\n> "


def test_backspace_and_delete_erase_the_last_character(make_node: MakeNode) -> None:
    console = make_node()
    console.output.clear()
    console.node.receive(b"stx\x08ate\x7f\x7fte\n")
    assert bytes(console.output).startswith(b"stx\b \bate\b \b\b \bte\r\ndisabled\r\n")


def test_empty_line_prints_a_prompt_only(make_node: MakeNode) -> None:
    console = make_node()
    console.output.clear()
    console.node.receive(b"\n")
    assert bytes(console.output) == b"\r\n> "


def test_unknown_and_unmodeled_commands(make_node: MakeNode) -> None:
    console = make_node()
    # 01_basic_info.txt:234 (nosuchcommand), :77 (meshlocalprefix is not a command).
    assert console.error("nosuchcommand") == "Error 35: InvalidCommand"
    assert console.error("meshlocalprefix") == "Error 35: InvalidCommand"
    # `coap` is in the recorded build's help list but not simulated.
    assert console.error("coap start") == "Error 12: NotImplemented"


def test_a_line_typed_during_a_scan_is_echoed_and_ignored(
    make_node: MakeNode, clock: ManualClock
) -> None:
    console = make_node()
    assert console.run("scan 11")[-1] == "+------+------------------+----+-----+-----+"
    assert console.run("state") == ["state"]
    clock.advance(0.3)
    assert console.take() == ["Done"]
    assert console.ok("state") == ["disabled"]


def test_too_many_arguments_is_invalid_args(make_node: MakeNode) -> None:
    console = make_node()
    assert console.error("version" + " x" * 32) == "Error 7: InvalidArgs"


def test_editor_drops_bytes_beyond_the_receive_buffer() -> None:
    editor = LineEditor()
    # OpenThread's CLI UART receive buffer is 640 bytes: 639 characters and the end.
    typed = editor.feed(b"a" * 650 + b"\n")
    assert typed == [Typed(b"a" * 639 + b"\r\n", "a" * 639)]


def test_editor_keeps_a_partial_line() -> None:
    editor = LineEditor()
    assert editor.feed(b"sta") == [Typed(b"sta", None)]
    assert editor.feed(b"te\n") == [Typed(b"te\r\n", "state")]


@pytest.mark.parametrize(
    ("line", "args"),
    [
        ("networkname Test\\ Network", ["networkname", "Test Network"]),
        ('networkname "Test Network"', ["networkname", '"Test', 'Network"']),
        ("  dataset   active \t-x ", ["dataset", "active", "-x"]),
        ("a\\\\b c", ["a\\b", "c"]),
        ("a\\b", ["a\\b"]),
        ("", []),
    ],
)
def test_split_args_like_openthread(line: str, args: list[str]) -> None:
    assert split_args(line) == args


def test_split_args_refuses_more_than_32() -> None:
    with pytest.raises(CliError) as caught:
        split_args(" ".join(["x"] * 33))
    assert caught.value.error is OtError.INVALID_ARGS
