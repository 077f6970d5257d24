"""otbr-agent's border routing commands: `br ...` and `srp server state`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._border_router import BorderRouting, duration_text
from ._cli import Handler
from ._cli_args import require
from ._errors import CliError, OtError
from ._prefixes import prefix_text

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]

# `br help`: the subcommands OpenThread builds in unconditionally, and `peers`, which the
# recorded agent answers (11_otbr_agent_otctl.txt:173). NAT64 is not in that build (:342).
BR_HELP = (
    "disable",
    "enable",
    "ifaddrs",
    "infraif",
    "init",
    "omrconfig",
    "omrprefix",
    "onlinkprefix",
    "peers",
    "prefixtable",
    "raoptions",
    "rdnsstable",
    "rioprf",
    "routeprf",
    "routers",
    "state",
)


def _routing(node: VirtualNode) -> BorderRouting:
    # The dispatcher lets only otbr-agent nodes get here; they all have border routing.
    routing = node.border_routing
    if routing is None:
        raise CliError(OtError.INVALID_COMMAND)
    return routing


def _prefix_types(args: list[str]) -> tuple[bool, bool]:
    """Parse `[local|favored]`: which of the local and the favored prefix to print."""
    if not args:
        return True, True
    require(len(args) == 1 and args[0] in ("local", "favored"))
    return args[0] == "local", args[0] == "favored"


def _omrprefix(node: VirtualNode, routing: BorderRouting, args: list[str]) -> None:
    local, favored = _prefix_types(args)
    both = local and favored
    if local:
        node.print_line(("Local: " if both else "") + prefix_text(routing.local_omr.prefix))
    if favored:
        # Only a running routing manager has a favored prefix; the `Local:` line stays.
        require(routing.running, OtError.INVALID_STATE)
        chosen = routing.favored
        # Before its first evaluation the favored prefix is still the empty one.
        text = "::/0 prf:med"
        if chosen is not None:
            text = f"{prefix_text(chosen.prefix)} prf:{chosen.preference}"
        node.print_line(("Favored: " if both else "") + text)


def _onlinkprefix(node: VirtualNode, routing: BorderRouting, args: list[str]) -> None:
    local, favored = _prefix_types(args)
    both = local and favored
    # No router on the simulated infrastructure link advertises a prefix of its own,
    # so the favored on-link prefix is the local one.
    text = prefix_text(routing.onlink_prefix())
    if local:
        node.print_line(("Local: " if both else "") + text)
    if favored:
        node.print_line(("Favored: " if both else "") + text)


def _peers(node: VirtualNode, routing: BorderRouting, args: list[str]) -> None:
    match args:
        case []:
            for rloc16, age in routing.peers():
                node.print_line(f"rloc16:0x{rloc16:04x} age:{duration_text(age)}")
        case ["count"]:
            count, min_age = routing.peer_count()
            node.print_line(f"{count} min-age:{duration_text(min_age)}")
        case _:
            raise CliError(OtError.INVALID_ARGS)


def br(node: VirtualNode, args: list[str]) -> None:
    routing = _routing(node)
    match args:
        case [] | ["help"]:
            for name in BR_HELP:
                node.print_line(name)
            require(args == ["help"], OtError.INVALID_COMMAND)
        case ["omrprefix", *rest]:
            _omrprefix(node, routing, rest)
        case ["onlinkprefix", *rest]:
            _onlinkprefix(node, routing, rest)
        case ["peers", *rest]:
            _peers(node, routing, rest)
        case ["state"]:
            node.print_line(routing.state.value)
        case ["enable"]:
            routing.enable()
        case ["disable"]:
            routing.disable()
        case ["routers"] | ["prefixtable"] | ["rdnsstable"]:
            # Nothing on the simulated infrastructure link sends router advertisements,
            # so what is learnt from them stays empty (11_otbr_agent_otctl.txt:169-171).
            pass
        case ["state" | "enable" | "disable" | "routers" | "prefixtable" | "rdnsstable", *_]:
            raise CliError(OtError.INVALID_ARGS)
        case [command, *_] if command in BR_HELP:
            raise CliError(OtError.NOT_IMPLEMENTED)
        case _:
            raise CliError(OtError.INVALID_COMMAND)


def srp(node: VirtualNode, args: list[str]) -> None:
    match args:
        case ["server", "state"]:
            # In auto-enable mode the border router runs the server while it serves the
            # network (11_otbr_agent_otctl.txt:336-339), else it is off.
            node.print_line("running" if _routing(node).serving else "disabled")
        case ["server" | "client", *_]:
            raise CliError(OtError.NOT_IMPLEMENTED)
        case _:
            raise CliError(OtError.INVALID_COMMAND)


COMMANDS: dict[str, Handler] = {"br": br, "srp": srp}
