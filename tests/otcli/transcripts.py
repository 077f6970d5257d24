"""Read the OpenThread CLI recordings in tests/fixtures/otcli (see the README there).

Timelines 01-10 (and 06b):
    load(name)                  every event line of `NN_name.txt`, in order
    exchanges(name, node)       (command, output lines, result) per command sent to a node
    unsolicited(name, node)     the OUT lines that arrived while no command was pending
    raw(name, part)             the exact bytes of `NN_name.<part>.raw` ("node1", ...)
    find(command)               every exchange of one command, across all recordings

Transcript 11 (otbr-agent) has its own layout:
    otbr_calls()                one-shot `ot-ctl` calls as exchanges
    otbr_socket()               (sent, received) byte pairs of the raw socket section C.3
    otbr_chunks(section)        timed byte chunks of C.4 (pty) or C.5 (raw socket)

`name` is a file stem or its number ("06", "06b", "10"). Exchange outputs have the
echo, prompts and the final Done/Error removed, exactly as a client should return them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

__all__ = [
    "FIXTURES",
    "Chunk",
    "Event",
    "Exchange",
    "exchanges",
    "find",
    "load",
    "nodes",
    "otbr_calls",
    "otbr_chunks",
    "otbr_socket",
    "raw",
    "timelines",
    "unsolicited",
]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "otcli"
OTBR = "11_otbr_agent_otctl"

_EVENT = re.compile(r"^\s*(\d+\.\d+)\s+(\S+)\s+(\S+)\s+(IN |OUT|ERR|RC |\.\. )(?: (.*))?$")
_RESULT = re.compile(r"^(Done|Error \d+: \S.*)$")
_CRLF_NOTE = "   [line ended with CRLF]"
_OTCTL_CALL = re.compile(r"^\$ ot-ctl (.+?)\s+\[exit (\d+), \d+ ms\]$")
_CHUNK = re.compile(r"^\[\s*(\d+\.\d+)s\] (<<<|>>>) (?:(?:typed|sent): )?(.*)$")


@dataclass(frozen=True)
class Event:
    """One line of a timeline."""

    file: str
    lineno: int
    t_abs: float
    t_cmd: float | None
    node: str
    dir: str
    text: str

    @property
    def source(self) -> str:
        return f"{self.file}.txt:{self.lineno}"


@dataclass(frozen=True)
class Exchange:
    """One command and what the CLI answered; `result` is None if no Done/Error came."""

    file: str
    lineno: int
    node: str
    command: str
    output: tuple[str, ...] = ()
    result: str | None = None
    echoed: bool = False

    @property
    def source(self) -> str:
        return f"{self.file}.txt:{self.lineno}"

    @property
    def ok(self) -> bool:
        return self.result == "Done"

    @property
    def error(self) -> tuple[int, str] | None:
        if self.result is None or not self.result.startswith("Error "):
            return None
        code, _, name = self.result[len("Error ") :].partition(": ")
        return int(code), name


@dataclass(frozen=True)
class Chunk:
    """One read or write in transcript 11's byte-level sections."""

    lineno: int
    t: float
    direction: str  # "in" (to the CLI) or "out" (from it)
    data: bytes


def _stem(name: str) -> str:
    if (FIXTURES / f"{name}.txt").exists():
        return name
    matches = sorted(p.stem for p in FIXTURES.glob(f"{name}_*.txt"))
    if len(matches) != 1:
        raise KeyError(f"no single transcript called {name!r}: {matches}")
    return matches[0]


def timelines() -> list[str]:
    """Return the stems of every timeline-format transcript."""
    return sorted(p.stem for p in FIXTURES.glob("*.txt") if p.stem != OTBR)


def strip_prompts(text: str) -> str:
    while text.startswith("> "):
        text = text[2:]
    return text


@cache
def load(name: str) -> tuple[Event, ...]:
    """Return every event line of a timeline."""
    stem = _stem(name)
    events = []
    for lineno, line in enumerate((FIXTURES / f"{stem}.txt").read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _EVENT.match(line)
        if m is None:
            raise ValueError(f"{stem}.txt:{lineno}: unreadable line {line!r}")
        text = m.group(5) or ""
        if text.endswith(_CRLF_NOTE):
            text = text[: -len(_CRLF_NOTE)]
        t_cmd = None if m.group(2) == "-" else float(m.group(2))
        events.append(
            Event(stem, lineno, float(m.group(1)), t_cmd, m.group(3), m.group(4).strip(), text)
        )
    return tuple(events)


def nodes(name: str) -> list[str]:
    """Return the nodes that received commands in a timeline."""
    return sorted({e.node for e in load(name) if e.dir == "IN"})


def _ctl_command(text: str) -> str:
    argv = ast.literal_eval(text.removeprefix("argv="))
    assert argv[:2] == ["-I", "wpan0"], text
    return " ".join(a.replace(" ", "\\ ") for a in argv[2:])


@dataclass
class _Draft:
    first: Event
    command: str
    output: list[str] = field(default_factory=list)
    echoed: bool = False

    def finish(self, result: str | None = None) -> Exchange:
        return Exchange(
            self.first.file,
            self.first.lineno,
            self.first.node,
            self.command,
            tuple(self.output),
            result,
            self.echoed,
        )


@cache
def _split(name: str, node: str) -> tuple[tuple[Exchange, ...], tuple[Event, ...]]:
    done: list[Exchange] = []
    loose: list[Event] = []
    current: _Draft | None = None
    for ev in load(name):
        if ev.node != node:
            continue
        if ev.dir == "IN":
            if current is not None:
                done.append(current.finish())
            command = _ctl_command(ev.text) if node == "ctl" else ev.text
            current = _Draft(ev, command)
            continue
        if ev.dir == "RC" and current is not None:
            done.append(current.finish())
            current = None
        if ev.dir != "OUT":
            continue
        text = strip_prompts(ev.text)
        if current is None:
            loose.append(ev)
        elif not current.echoed and not current.output and text == current.command:
            current.echoed = True
        elif _RESULT.match(text):
            done.append(current.finish(text))
            current = None
        else:
            current.output.append(text)
    if current is not None:
        done.append(current.finish())
    return tuple(done), tuple(loose)


def exchanges(name: str, node: str) -> list[Exchange]:
    """Return the commands sent to `node` with their outputs, in order."""
    return list(_split(name, node)[0])


def unsolicited(name: str, node: str) -> list[Event]:
    """Return the OUT lines of `node` that arrived while it had no command pending."""
    return list(_split(name, node)[1])


def raw(name: str, part: str) -> bytes:
    """Return the exact bytes of `NN_name.<part>.raw`, e.g. part="node1"."""
    return (FIXTURES / f"{_stem(name)}.{part}.raw").read_bytes()


@cache
def otbr_calls() -> tuple[Exchange, ...]:
    """Return transcript 11's one-shot `ot-ctl` calls (sections C.0-C.2)."""
    lines = (FIXTURES / f"{OTBR}.txt").read_text().splitlines()
    calls = []
    current: Exchange | None = None
    for lineno, line in enumerate(lines, 1):
        if (m := _OTCTL_CALL.match(line)) is not None:
            current = Exchange(OTBR, lineno, "ctl", m.group(1))
        elif line.startswith("# stdout repr: ") and current is not None:
            stdout: bytes = ast.literal_eval(line.removeprefix("# stdout repr: "))
            out = stdout.decode().split("\r\n")
            assert out[-1] == "", line
            calls.append(replace(current, output=tuple(out[:-2]), result=out[-2]))
            current = None
    return tuple(calls)


@cache
def otbr_socket() -> tuple[tuple[int, bytes, bytes], ...]:
    """Return section C.3's raw socket requests: (line number, sent, received)."""
    lines = (FIXTURES / f"{OTBR}.txt").read_text().splitlines()
    pairs = []
    for lineno, line in enumerate(lines, 1):
        if line.startswith("socket >>> "):
            sent = ast.literal_eval(line.removeprefix("socket >>> "))
            answer = lines[lineno].removeprefix("socket <<< ")
            received = ast.literal_eval(answer[: answer.rindex("'") + 1])
            pairs.append((lineno, sent, received))
    return tuple(pairs)


@cache
def otbr_chunks(section: str) -> tuple[Chunk, ...]:
    """Return the byte chunks of section "C.4" (interactive ot-ctl on a pty) or "C.5"."""
    headers = {
        "C.4": "--- interactive ot-ctl raw chunks",
        "C.5": "--- every chunk read from the socket",
    }
    lines = (FIXTURES / f"{OTBR}.txt").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(headers[section]))
    chunks = []
    for lineno, line in enumerate(lines[start + 1 :], start + 2):
        m = _CHUNK.match(line)
        if m is None:
            break
        value = ast.literal_eval(m.group(3))
        if m.group(2) == ">>>":
            data = value.encode() if value.endswith("\n") else value.encode() + b"\n"
            chunks.append(Chunk(lineno, float(m.group(1)), "in", data))
        else:
            chunks.append(Chunk(lineno, float(m.group(1)), "out", value))
    return tuple(chunks)


def find(command: str, *, ok: bool | None = None, otbr: bool = True) -> list[Exchange]:
    """Return every recorded exchange of `command` (optionally only Done or only Error)."""
    found = [
        ex
        for name in timelines()
        for node in nodes(name)
        for ex in exchanges(name, node)
        if ex.command == command
    ]
    if otbr:
        found += [ex for ex in otbr_calls() if ex.command == command]
    if ok is not None:
        found = [ex for ex in found if ex.ok == ok]
    return found
