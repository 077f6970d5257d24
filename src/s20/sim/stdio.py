"""Serve one virtual node (`s20-sim-node`): on stdin/stdout as `ot-cli-ftd` does, or on a
unix socket as otbr-agent does (`--unix PATH`).

What program the node is follows from where it is served: on stdin/stdout a bare
`ot-cli-ftd` (what `exec:` radio URLs start), on a unix socket otbr-agent with a radio
co-processor and border routing (`rcp version`, `br ...`, an OMR prefix in the network
data), since that socket is the agent's. `--border-router` makes the stdio node an agent
too; `--no-border-router` makes the socket node a bare `ot-cli-ftd` behind the socket.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import threading
from collections.abc import Sequence

from s20.clock import Clock, SystemClock

from ._clock import ScaledClock
from ._errors import ScenarioError, SocketPathError
from ._node import SIMULATION_OUI, VirtualNode
from ._personality import Personality
from ._socket import CliSocketServer
from ._world import World

__all__ = ["main"]

_READ_SIZE = 4096


def _eui64(text: str) -> bytes:
    try:
        value = bytes.fromhex(text)
    except ValueError:
        value = b""
    if len(value) != 8:
        raise argparse.ArgumentTypeError(f"must be 16 hex digits, got {text!r}")
    return value


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="s20-sim-node",
        description=(
            "A simulated OpenThread node speaking the ot-cli-ftd CLI on stdin/stdout, "
            "or with --unix the otbr-agent CLI on a unix socket."
        ),
    )
    parser.add_argument(
        "node_id",
        nargs="?",
        type=int,
        help="like ot-cli-ftd's node ID: EUI-64 18b43000000000NN and a repeatable seed",
    )
    parser.add_argument(
        "--unix",
        metavar="PATH",
        help="serve the CLI on a unix socket, as otbr-agent serves /run/openthread-wpan0.sock",
    )
    parser.add_argument("--scenario", metavar="PATH", help="TOML or JSON scenario file")
    parser.add_argument("--eui64", metavar="HEX", type=_eui64, help="the node's EUI-64")
    parser.add_argument(
        "--speed",
        metavar="FACTOR",
        type=_speed,
        default=1.0,
        help="run the node's timers FACTOR times faster (for quick tests)",
    )
    parser.add_argument("--seed", type=int, help="seed the node's random values")
    parser.add_argument(
        "--border-router",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "answer as otbr-agent with an RCP and border routing "
            "(default: on with --unix, off on stdin/stdout)"
        ),
    )
    return parser


async def _serve(node: VirtualNode) -> None:
    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[bytes] = asyncio.Queue()
    out = sys.stdout.buffer

    def read_stdin() -> None:
        fd = sys.stdin.fileno()
        while True:
            data = os.read(fd, _READ_SIZE)
            loop.call_soon_threadsafe(chunks.put_nowait, data)
            if not data:
                return

    def write(data: bytes) -> None:
        try:
            out.write(data)
            out.flush()
        except BrokenPipeError:
            # Nobody reads us any more: point stdout at /dev/null (so the exit flush
            # cannot fail again) and end as if stdin had ended.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            chunks.put_nowait(b"")

    # A daemon thread: a read blocked on stdin must not keep the process alive at exit.
    threading.Thread(target=read_stdin, name="stdin", daemon=True).start()
    node.attach(write)
    while data := await chunks.get():
        node.receive(data)


async def _serve_unix(node: VirtualNode, path: str) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    try:
        async with CliSocketServer(node, path) as server:
            print(
                f"s20-sim-node: node {node.eui64.hex()} listening on unix:{server.path}",
                file=sys.stderr,
                flush=True,
            )
            await stop.wait()
    except SocketPathError as error:
        print(f"s20-sim-node: {error}", file=sys.stderr)
        return 2
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)
    return 0


async def _run(args: argparse.Namespace) -> int:
    base = SystemClock()
    clock: Clock = base if args.speed == 1.0 else ScaledClock(base, args.speed)
    try:
        world = World.load(args.scenario) if args.scenario else World.default()
    except ScenarioError as error:
        print(f"s20-sim-node: {error}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else args.node_id
    eui64 = args.eui64
    if eui64 is None and args.node_id is not None:
        eui64 = SIMULATION_OUI + args.node_id.to_bytes(5, "big")
    rng = random.Random(seed) if seed is not None else None
    agent = args.unix is not None if args.border_router is None else args.border_router
    personality = Personality.BORDER_ROUTER if agent else Personality.CLI
    node = VirtualNode(world, clock, eui64=eui64, rng=rng, personality=personality)
    if args.unix is not None:
        return await _serve_unix(node, args.unix)
    await _serve(node)
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    """Run the node until stdin ends (or, serving a socket, until SIGTERM or SIGINT)."""
    args = _parser().parse_args(argv)
    if args.node_id is not None and not 0 <= args.node_id < 1 << 40:
        _parser().error("node_id: must be from 0 to 2**40 - 1")
    try:
        code = asyncio.run(_run(args))
    except KeyboardInterrupt:
        code = 130
    raise SystemExit(code)
