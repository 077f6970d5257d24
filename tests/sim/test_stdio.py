"""`python -m s20.sim`: one virtual node on stdin/stdout, as `ot-cli-ftd` is used."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

# Generous: the child is a fresh interpreter; at --speed 50 the node's own delays are short.
TIMEOUT = 20.0


class Child:
    """The node process, with stdout read up to markers."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.buffer = b""

    async def until(self, marker: bytes) -> bytes:
        assert self.process.stdout is not None
        while marker not in self.buffer:
            chunk = await asyncio.wait_for(self.process.stdout.read(4096), TIMEOUT)
            assert chunk, f"the node ended before {marker!r}: {self.buffer!r}"
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(marker)
        return head + marker

    async def command(self, line: str) -> list[str]:
        """Send a line; return what it printed up to its result (echo first)."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        printed = await self.until(b"\r\n> ")
        return printed.decode().removesuffix("\r\n> ").split("\r\n")


async def _start(*args: str) -> Child:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "s20.sim",
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    return Child(process)


@pytest.fixture
async def node() -> AsyncIterator[Child]:
    child = await _start("--speed", "50", "--eui64", "18b4300000000007", "--seed", "3")
    yield child
    if child.process.returncode is None:
        child.process.kill()
        await child.process.wait()


async def test_answers_like_ot_cli_ftd(node: Child) -> None:
    assert await node.until(b"> ") == b"> "
    # A bare ot-cli-ftd: no border routing, no separate radio.
    assert await node.command("br state") == ["br state", "Error 35: InvalidCommand"]
    assert await node.command("rcp version") == ["rcp version", "Error 12: NotImplemented"]
    # 01_basic_info.node1.raw
    assert await node.command("version") == [
        "version",
        "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:44:37",
        "Done",
    ]
    assert await node.command("eui64") == ["eui64", "18b4300000000007", "Done"]
    assert await node.command("nosuchcommand") == ["nosuchcommand", "Error 35: InvalidCommand"]


async def test_forms_a_network_and_commissions_at_speed(node: Child) -> None:
    await node.until(b"> ")
    for line in ("dataset init new", "dataset commit active", "ifconfig up", "thread start"):
        assert (await node.command(line))[-1] == "Done"
    # The leader delay (6.75 s) takes about 0.14 s at --speed 50.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while (await node.command("state"))[1] != "leader":
        assert loop.time() < deadline
        await asyncio.sleep(0.02)
    assert await node.command("commissioner start") == [
        "commissioner start",
        "Commissioner: petitioning",
        "Done",
    ]
    assert await node.until(b"Commissioner: active\r\n") == b"Commissioner: active\r\n"


async def test_scenario_file_and_end_of_input(tmp_path: Path) -> None:
    scenario = tmp_path / "world.json"
    scenario.write_text(
        '{"networks": [{"network_name": "Elsewhere", "ext_pan_id": "1111111122222222",'
        ' "pan_id": 48879, "channel": 20, "rssi": -40, "lqi": 200,'
        ' "extaddr": "a6a270c5aa3f6cff"}]}'
    )
    child = await _start("--speed", "50", "--scenario", str(scenario))
    await child.until(b"> ")
    assert await child.command("scan 20") == [
        "scan 20",
        "| PAN  | MAC Address      | Ch | dBm | LQI |",
        "+------+------------------+----+-----+-----+",
        "| beef | a6a270c5aa3f6cff | 20 | -40 | 200 |",
        "Done",
    ]
    assert child.process.stdin is not None
    child.process.stdin.close()
    assert await asyncio.wait_for(child.process.wait(), TIMEOUT) == 0


async def test_bad_scenario_exits_with_the_error(tmp_path: Path) -> None:
    scenario = tmp_path / "world.toml"
    scenario.write_text("[[joiners]]\neui64 = '18b4300000000101'\npskd = 'J01NMEO'\n")
    child = await _start("--scenario", str(scenario))
    _, stderr = await asyncio.wait_for(child.process.communicate(), TIMEOUT)
    assert child.process.returncode == 2
    assert b"joiners[0].pskd: must be 6-32 characters" in stderr


async def test_node_id_argument_sets_the_eui64_like_ot_cli_ftd() -> None:
    child = await _start("3")
    await child.until(b"> ")
    assert await child.command("eui64") == ["eui64", "18b4300000000003", "Done"]
    assert child.process.stdin is not None
    child.process.stdin.close()
    assert await asyncio.wait_for(child.process.wait(), TIMEOUT) == 0


async def test_border_router_flag_makes_an_otbr_agent() -> None:
    # Off by default on stdin/stdout (test_answers_like_ot_cli_ftd); on when asked.
    child = await _start("--border-router", "--eui64", "18b4300000000001")
    await child.until(b"> ")
    # 11_otbr_agent_otctl.txt:74, :89
    assert await child.command("version") == [
        "version",
        "OPENTHREAD/de3788c66; POSIX; Nov 25 2026 20:16:28",
        "Done",
    ]
    assert await child.command("rcp version") == [
        "rcp version",
        "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:47:39",
        "Done",
    ]
    assert await child.command("br state") == ["br state", "stopped", "Done"]
    assert child.process.stdin is not None
    child.process.stdin.close()
    assert await asyncio.wait_for(child.process.wait(), TIMEOUT) == 0
