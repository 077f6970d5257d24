"""OtCli against recorded sessions: exact bytes in, the recorded replies and events out."""

from __future__ import annotations

import re

import pytest

from s20.clock import ManualClock
from s20.otcli import (
    OtCli,
    OtCliError,
)

from .fakes import ScriptedConnection, ScriptedTransport, chop, daemon_reply, segments
from .transcripts import (
    FIXTURES,
    Exchange,
    exchanges,
    load,
    otbr_chunks,
    otbr_socket,
    raw,
    strip_prompts,
    unsolicited,
)

# Lines that the recordings show inside a reply but that the client files as events
# (commissioner state changes and joiner removals printed before the command's Done).
IN_REPLY_EVENT = re.compile(r"^Commissioner: ")


def _raw_cases() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.raw")):
        stem, part = path.stem.split(".")
        if part != "oneshot":
            cases.append((stem, "s1" if part == "otctl_session1" else f"n{part[-1]}", part))
    # 06b has no .raw file: its timeline is the exact output (see test_transcripts).
    cases += [
        ("06b_commissioning_success_REFERENCE_DEVICE_build", n, "") for n in ("n1", "n2", "n3")
    ]
    return cases


def _node_bytes(name: str, node: str, part: str) -> bytes:
    if part:
        return raw(name, part)
    return b"".join(
        e.text.encode() + b"\r\n" for e in load(name) if e.node == node and e.dir == "OUT"
    )


def _expected_events(name: str, node: str) -> list[str]:
    loose = set(unsolicited(name, node))
    events = []
    for ev in load(name):
        if ev.node != node or ev.dir != "OUT":
            continue
        text = strip_prompts(ev.text)
        if (ev in loose or IN_REPLY_EVENT.match(text)) and text.strip():
            events.append(text)
    return events


def _expected_result(ex: Exchange) -> list[str] | tuple[int, str]:
    if ex.error is not None:
        return ex.error
    return [line for line in ex.output if not IN_REPLY_EVENT.match(line)]


async def _run_script(cli: OtCli, commands: list[str]) -> list[list[str] | tuple[int, str]]:
    results: list[list[str] | tuple[int, str]] = []
    for command in commands:
        try:
            results.append(await cli.command(command))
        except OtCliError as exc:
            results.append((exc.code, exc.name))
    return results


def _responder(pieces: list[bytes], commands: list[str], sizes: tuple[int, ...]):
    sent = iter(range(len(commands)))

    def respond(line: str) -> list[bytes]:
        i = next(sent)
        assert line == commands[i]
        return chop(pieces[i], sizes)

    return respond


@pytest.mark.parametrize("sizes", [(1,), (3, 1, 7, 2), (4096,)], ids=["1", "odd", "whole"])
@pytest.mark.parametrize(("name", "node", "part"), _raw_cases())
async def test_recorded_session_replays_exactly(
    name: str, node: str, part: str, sizes: tuple[int, ...]
) -> None:
    """Feed a node's exact output, split awkwardly, while sending its recorded commands.

    Every reply must equal the recorded one and every other line must reach the event
    stream in order, whether it arrived while idle or inside a reply.
    """
    recorded = exchanges(name, node)
    commands = [ex.command for ex in recorded]
    pieces = segments(_node_bytes(name, node, part), commands)
    conn = ScriptedConnection(_responder(pieces, commands, sizes))
    cli = OtCli(ScriptedTransport(conn), ManualClock())
    events: list[str] = []
    cli.subscribe(events.append)
    await cli.start()
    results = await _run_script(cli, commands)
    await conn.drain()
    await cli.close()
    for ex, result in zip(recorded, results, strict=True):
        assert result == _expected_result(ex), ex.source
    assert events == _expected_events(name, node)
    assert conn.written == commands


async def test_daemon_one_shot_replies_without_echo() -> None:
    """10_otctl_daemon.txt ctl calls: the daemon's socket replies without an echo."""
    recorded = [ex for ex in exchanges("10", "ctl") if ex.result is not None]
    replies = {ex.command: daemon_reply(ex) for ex in reversed(recorded)}
    conn = ScriptedConnection(lambda line: chop(replies[line]))
    cli = OtCli(ScriptedTransport(conn), ManualClock())
    await cli.start()
    seen = {}
    for ex in recorded:
        if ex.command not in seen:
            seen[ex.command] = ex
    results = await _run_script(cli, list(seen))
    await cli.close()
    for ex, result in zip(seen.values(), results, strict=True):
        assert result == _expected_result(ex), ex.source


async def test_otbr_socket_bytes() -> None:
    """11_otbr_agent_otctl.txt C.3: the exact bytes of otbr-agent's socket, one session."""
    pairs = [(line, sent, got) for line, sent, got in otbr_socket() if sent != b"\n"]
    replies = {sent.decode().rstrip("\n"): got for _, sent, got in pairs}
    conn = ScriptedConnection(lambda line: chop(replies[line], (2, 5)))
    cli = OtCli(ScriptedTransport(conn), ManualClock())
    await cli.start()
    for lineno, sent, got in pairs:
        expected = got.decode().split("\r\n")
        assert expected[-1] == "> ", lineno
        command = sent.decode().rstrip("\n")
        if expected[-2] == "Done":
            assert await cli.command(command) == expected[:-2], lineno
        else:
            with pytest.raises(OtCliError) as info:
                await cli.command(command)
            assert f"Error {info.value.code}: {info.value.name}" == expected[-2], lineno
    await cli.close()


async def test_empty_command_is_refused_before_sending() -> None:
    # 11_otbr_agent_otctl.txt:466-468: a bare newline only gets a prompt, never a result.
    conn = ScriptedConnection()
    cli = OtCli(ScriptedTransport(conn), ManualClock())
    await cli.start()
    with pytest.raises(ValueError, match="empty command"):
        await cli.command("")
    assert conn.written == []
    await cli.close()


def _chunk_responder(section: str) -> tuple[list[bytes], ScriptedConnection, list[str]]:
    """Answer each written line with the chunks recorded after it, until the next write."""
    chunks = otbr_chunks(section)
    initial: list[bytes] = []
    answers: list[list[bytes]] = []
    typed: list[str] = []
    for chunk in chunks:
        if chunk.direction == "in":
            typed.append(chunk.data.decode().rstrip("\n"))
            answers.append([])
        elif answers:
            answers[-1].append(chunk.data)
        else:
            initial.append(chunk.data)
    feed = iter(answers)
    conn = ScriptedConnection(lambda line: next(feed))
    return initial, conn, typed


async def test_interactive_ot_ctl_on_a_pty() -> None:
    """11_otbr_agent_otctl.txt C.4: echo, ANSI toggles, CR CR LF, idle joiner events."""
    initial, conn, typed = _chunk_responder("C.4")
    cli = OtCli(ScriptedTransport(conn), ManualClock())
    events: list[str] = []
    cli.subscribe(events.append)
    await cli.start()
    conn.feed(*initial)
    results = await _run_script(cli, typed)
    await conn.drain()
    await cli.close()
    assert typed[:3] == ["commissioner state", "commissioner start", "commissioner state"]
    assert results[0] == ["disabled"]
    assert results[1] == []  # `Commissioner: petitioning` went to the events
    assert results[2] == ["active"]
    assert results[4][2:] == [
        "|                     * |                           J01NME |     118998 |"
    ]
    assert results[8] == ["leader"]
    assert events == [
        "Commissioner: petitioning",
        "Commissioner: active",
        "Commissioner: Joiner start 12eba0be7e4a8221",
        "Commissioner: Joiner connect 12eba0be7e4a8221",
        "Commissioner: Joiner finalize 12eba0be7e4a8221",
        "Commissioner: Joiner end 12eba0be7e4a8221",
        "Commissioner: Joiner remove ",
        "Commissioner: disabled",
    ]


async def test_raw_socket_session_with_events() -> None:
    """11_otbr_agent_otctl.txt C.5: a long-lived socket session during a real join."""
    initial, conn, typed = _chunk_responder("C.5")
    cli = OtCli(ScriptedTransport(conn), ManualClock())
    events: list[str] = []
    cli.subscribe(events.append)
    await cli.start()
    conn.feed(*initial)
    results = await _run_script(cli, typed)
    await conn.drain()
    await cli.close()
    assert typed == [
        "commissioner start",
        "commissioner joiner add * J01NME 120",
        "commissioner joiner remove *",
        "commissioner stop",
    ]
    assert results == [[], [], [], []]
    assert events == [
        "Commissioner: petitioning",
        "Commissioner: active",
        "Commissioner: Joiner start 97663c3b76222e21",
        "Commissioner: Joiner connect 97663c3b76222e21",
        "Commissioner: Joiner finalize 97663c3b76222e21",
        "Commissioner: Joiner end 97663c3b76222e21",
        "Commissioner: Joiner remove ",
        "Commissioner: disabled",
    ]
