"""Readers for the OpenThread CLI recordings in tests/fixtures/otcli, and the vectors in them."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

OTCLI = Path(__file__).resolve().parents[1] / "fixtures" / "otcli"

# "   7.513   0.000  n1  OUT Active Timestamp: 1": t_abs, t_cmd, node, dir, text.
_TIMELINE = re.compile(r"\s*\S+\s+\S+\s+(\S+)\s+(IN|OUT|\.\.)\s?(.*)$")
_OTCTL = re.compile(r"\$ ot-ctl (.*?)\s+\[exit \d+, \d+ ms\]$")
_SOCKET = re.compile(r"socket (>>>|<<<) (b'.*')")
_HEX_LINE = re.compile(r"[0-9a-f]+")


@dataclass
class Command:
    """One command sent to a node and the lines it printed (echo, prompt and Done removed)."""

    file: str
    line: int
    node: str
    text: str
    out: list[tuple[int, str]] = field(default_factory=list)

    def where(self, line: int | None = None) -> str:
        return f"{self.file}:{self.line if line is None else line}"

    @property
    def lines(self) -> list[str]:
        return [text for _, text in self.out]


def _strip_prompt(text: str) -> str:
    return text[2:] if text.startswith("> ") else text


@cache
def read_timeline(name: str) -> tuple[Command, ...]:
    """Read an `NN_name.txt` timeline into commands, per node, in order."""
    commands: list[Command] = []
    last: dict[str, Command] = {}
    lines = (OTCLI / name).read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines, start=1):
        match = _TIMELINE.match(raw)
        if raw.startswith("#") or match is None:
            continue
        node, direction, text = match.groups()
        if direction == "IN":
            last[node] = Command(name, number, node, text.strip())
            commands.append(last[node])
        elif direction == "OUT" and node in last:
            command = last[node]
            text = _strip_prompt(text)
            if not command.out and text == command.text:
                command.out.append((number, "<echo>"))
            elif text != "Done":
                command.out.append((number, text))
    for command in commands:
        command.out = [(n, t) for n, t in command.out if t != "<echo>"]
    return tuple(commands)


@cache
def read_otctl(name: str) -> tuple[Command, ...]:
    """Read the `$ ot-ctl CMD` blocks and raw `socket` exchanges of transcript 11."""
    commands: list[Command] = []
    current: Command | None = None
    lines = (OTCLI / name).read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines, start=1):
        if (match := _OTCTL.match(raw)) is not None:
            current = Command(name, number, "ctl", match.group(1))
            commands.append(current)
        elif (match := _SOCKET.match(raw)) is not None:
            payload = ast.literal_eval(match.group(2)).decode()
            if match.group(1) == ">>>":
                current = Command(name, number, "socket", payload.strip())
                commands.append(current)
            elif current is not None:
                for text in payload.split("\r\n"):
                    if text not in ("Done", "> ", ""):
                        current.out.append((number, text))
                current = None
        elif current is not None and current.node == "ctl":
            if raw.startswith("# stdout repr") or not raw:
                current = None
            elif raw != "Done":
                current.out.append((number, raw))
    return tuple(commands)


@dataclass(frozen=True)
class DatasetVector:
    """A dataset in hex as OpenThread printed or took it, and its text form if shown."""

    source: str
    hex: str
    text: tuple[str, ...] | None


def _is_text_block(command: Command, kind: str) -> bool:
    return (
        command.text == kind
        and bool(command.out)
        and all(": " in line and not line.startswith("Error ") for line in command.lines)
    )


def _vectors_from(commands: tuple[Command, ...]) -> list[DatasetVector]:
    vectors: list[DatasetVector] = []
    for node in sorted({c.node for c in commands}):
        mine = [c for c in commands if c.node == node]
        for i, command in enumerate(mine):
            before = mine[i - 1] if i > 0 else None
            after = mine[i + 1] if i + 1 < len(mine) else None
            words = command.text.split()
            if words[:1] != ["dataset"]:
                continue
            if words[-1] == "-x" or command.text == "dataset tlvs":
                if len(command.out) != 1 or not _HEX_LINE.fullmatch(command.lines[0]):
                    continue
                kind = "dataset" if command.text == "dataset tlvs" else " ".join(words[:-1])
                text = tuple(before.lines) if before and _is_text_block(before, kind) else None
                where = command.where(command.out[0][0])
                vectors.append(DatasetVector(where, command.lines[0], text))
            elif words[1:2] == ["set"] and not command.out:
                # Accepted with Done: the next `dataset active|pending` shows what it holds.
                kind = f"dataset {words[2]}"
                text = tuple(after.lines) if after and _is_text_block(after, kind) else None
                vectors.append(DatasetVector(command.where(), words[3], text))
    return vectors


@cache
def dataset_vectors() -> tuple[DatasetVector, ...]:
    """Every well-formed hex dataset in transcripts 02, 09 and 11."""
    found = _vectors_from(read_timeline("02_dataset_form_network.txt"))
    found += _vectors_from(read_timeline("09_dataset_tlv_vectors.txt"))
    found += _vectors_from(read_otctl("11_otbr_agent_otctl.txt"))
    return tuple(found)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "dataset_vector" in metafunc.fixturenames:
        vectors = dataset_vectors()
        metafunc.parametrize("dataset_vector", vectors, ids=[v.source for v in vectors])
    if "text_vector" in metafunc.fixturenames:
        paired = [v for v in dataset_vectors() if v.text is not None]
        metafunc.parametrize("text_vector", paired, ids=[v.source for v in paired])


@pytest.fixture
def timeline() -> Callable[[str], tuple[Command, ...]]:
    """Give tests the timeline reader: `timeline("06_commissioning_success.txt")`."""
    return read_timeline


@pytest.fixture
def all_dataset_vectors() -> tuple[DatasetVector, ...]:
    """Give tests every dataset vector at once."""
    return dataset_vectors()
