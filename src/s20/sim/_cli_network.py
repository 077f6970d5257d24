"""Network parameters (`channel`, `panid`, ...), network data and the neighbor tables."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from s20.thread import RuleError, pskc

from ._cli import Handler
from ._cli_args import parse_hex, parse_prefix, parse_uint, require
from ._datasets import CHANNELS, Params, prefix_text
from ._errors import CliError, OtError
from ._prefixes import FLAG_LETTERS, PREFERENCES, OnMeshPrefix

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]

_EMPTY_NETDATA = ("Prefixes:", "Routes:", "Services:", "Contexts:", "Commissioning:", "- - - -")
_ROUTER_HEADER = (
    "| ID | RLOC16 | Next Hop | Path Cost | LQ In | LQ Out | Age | Extended MAC     | Link |",
    "+----+--------+----------+-----------+-------+--------+-----+------------------+------+",
)
_CHILD_HEADER = (
    "| ID  | RLOC16 | Timeout    | Age        | LQ In | C_VN |R|D|N|Ver|CSL|QMsgCnt|Suprvsn|"
    " Extended MAC     |",
    "+-----+--------+------------+------------+-------+------+-+-+-+---+---+-------+-------+"
    "------------------+",
)
_NEIGHBOR_HEADER = (
    "| Role | RLOC16 | Age | Avg RSSI | Last RSSI | LQ In |R|D|N| Extended MAC     | Version |",
    "+------+--------+-----+----------+-----------+-------+-+-+-+------------------+---------+",
)
_CHILD_TIMEOUT = 240
_LINK_QUALITY = 3
_VERSION = 5
# The model's radio: every node hears every other one at this strength (as 04 shows).
_NEIGHBOR_RSSI = -20
_MIN_PASSPHRASE, _MAX_PASSPHRASE = 6, 255


def _one_arg(args: list[str]) -> str:
    require(len(args) == 1)
    return args[0]


def networkname(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(node.params.network_name)
        return
    name = _one_arg(args)

    def apply(params: Params) -> None:
        require(len(name.encode("utf-8")) <= 16)
        params.network_name = name

    node.set_parameter(apply)


def extpanid(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(node.params.ext_pan_id.hex())
        return
    value = parse_hex(_one_arg(args), 8)
    node.set_parameter(lambda params: setattr(params, "ext_pan_id", value))


def panid(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(f"0x{node.params.pan_id:04x}")
        return
    value = parse_uint(_one_arg(args), 16)
    node.set_parameter(lambda params: setattr(params, "pan_id", value))


def channel(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(str(node.params.channel))
        return
    value = parse_uint(_one_arg(args), 8)

    def apply(params: Params) -> None:
        require(value in CHANNELS)
        params.channel = value

    node.set_parameter(apply)


def networkkey(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(node.params.network_key.hex())
        return
    value = parse_hex(_one_arg(args), 16)
    node.set_parameter(lambda params: setattr(params, "network_key", value))


def pskc_command(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(node.params.pskc.hex())
        return
    if args[0] == "-p":
        require(len(args) == 2)
        passphrase = args[1]
        require(_MIN_PASSPHRASE <= len(passphrase.encode("utf-8")) <= _MAX_PASSPHRASE)
        params = node.params
        try:
            value = pskc(passphrase, params.network_name, params.ext_pan_id)
        except RuleError:
            raise CliError(OtError.INVALID_ARGS) from None
    else:
        value = parse_hex(_one_arg(args), 16)
    node.set_parameter(lambda params: setattr(params, "pskc", value))


def _on_mesh_prefix(args: list[str]) -> OnMeshPrefix:
    network = parse_prefix(args[0])
    require(0 < network.prefixlen <= 64)
    flags: set[str] = set()
    preference = "med"
    for arg in args[1:]:
        if arg in PREFERENCES:
            preference = arg
        else:
            require(set(arg) <= set(FLAG_LETTERS) | {"-"})
            flags |= set(arg) - {"-"}
    return OnMeshPrefix(network, frozenset(flags), preference)


def prefix(node: VirtualNode, args: list[str]) -> None:
    match args:
        case []:
            for entry in node.server_prefixes():
                node.print_line(entry.line(node.rloc16))
        case ["add", _, *_]:
            entry = _on_mesh_prefix(args[1:])
            kept = [p for p in node.local_prefixes if p.prefix != entry.prefix]
            node.local_prefixes = [*kept, entry]
        case ["remove", text]:
            network = parse_prefix(text)
            kept = [p for p in node.local_prefixes if p.prefix != network]
            require(len(kept) < len(node.local_prefixes), OtError.NOT_FOUND)
            node.local_prefixes = kept
        case ["meshlocal"]:
            node.print_line(prefix_text(node.params.mesh_local_prefix))
        case ["meshlocal", text]:
            network = parse_prefix(text)
            require(network.prefixlen == 64)
            node.set_parameter(lambda params: setattr(params, "mesh_local_prefix", network))
        case _:
            raise CliError(OtError.INVALID_COMMAND)


def route(node: VirtualNode, args: list[str]) -> None:
    require(not args, OtError.INVALID_COMMAND)
    for entry in node.server_routes():
        node.print_line(entry.line(node.rloc16))


def netdata(node: VirtualNode, args: list[str]) -> None:
    partition = node.partition
    match args:
        case ["show"]:
            lines = partition.netdata_lines() if partition else list(_EMPTY_NETDATA)
            for line in lines:
                node.print_line(line)
        case ["show", "-x"]:
            node.print_line(partition.netdata_tlvs().hex() if partition else "")
        case ["register"]:
            # Published once attached, and again on every later attach.
            node.register_server_data()
        case _:
            raise CliError(OtError.INVALID_COMMAND)


def _age(node: VirtualNode, since: float) -> int:
    return max(0, math.floor(node.clock.monotonic() - since))


def router(node: VirtualNode, args: list[str]) -> None:
    require(args == ["table"], OtError.INVALID_COMMAND)
    for line in _ROUTER_HEADER:
        node.print_line(line)
    partition = node.partition
    if partition is not None and node.role.value in ("router", "leader"):
        rows: list[tuple[int, bytes, float | None]] = [
            (partition.leader_rloc16, partition.leader_extaddr, None)
        ]
        rows += [(m.rloc16, m.extaddr, m.attached_at) for m in partition.members if m.is_router]
        for rloc, ext, since in sorted(rows):
            own = rloc == node.rloc16
            hop, cost, lq = (63, 0, 0) if own else (rloc >> 10, 1, _LINK_QUALITY)
            age = 0 if own or since is None else _age(node, since)
            node.print_line(
                f"| {rloc >> 10:2} | 0x{rloc:04x} | {hop:8} | {cost:9} | {lq:5} | {lq:6} "
                f"| {age:3} | {ext.hex()} | {0 if own else 1:4} |"
            )
    node.print_line("")


def child(node: VirtualNode, args: list[str]) -> None:
    require(args == ["table"], OtError.INVALID_COMMAND)
    for line in _CHILD_HEADER:
        node.print_line(line)
    partition = node.partition
    if partition is not None and partition.leader is node:
        for m in partition.members:
            if not m.is_router:
                node.print_line(
                    f"| {m.rloc16 & 0x1FF:3} | 0x{m.rloc16:04x} | {_CHILD_TIMEOUT:10} "
                    f"| {_age(node, m.attached_at):10} | {_LINK_QUALITY:5} "
                    f"| {m.network_data_version:4} |1|1|1|{_VERSION:3}| 0 |     0 |     0 "
                    f"| {m.extaddr.hex()} |"
                )
    node.print_line("")


def neighbor(node: VirtualNode, args: list[str]) -> None:
    require(args == ["table"], OtError.INVALID_COMMAND)
    for line in _NEIGHBOR_HEADER:
        node.print_line(line)
    partition = node.partition
    if partition is not None and partition.leader is node:
        for m in partition.members:
            node.print_line(
                f"|   {'R' if m.is_router else 'C'}  | 0x{m.rloc16:04x} "
                f"| {_age(node, m.attached_at):3} | {_NEIGHBOR_RSSI:8} | {_NEIGHBOR_RSSI:9} "
                f"| {_LINK_QUALITY:5} |1|1|1| {m.extaddr.hex()} | {_VERSION:7} |"
            )
    node.print_line("")


COMMANDS: dict[str, Handler] = {
    "channel": channel,
    "child": child,
    "extpanid": extpanid,
    "neighbor": neighbor,
    "netdata": netdata,
    "networkkey": networkkey,
    "networkname": networkname,
    "panid": panid,
    "prefix": prefix,
    "pskc": pskc_command,
    "route": route,
    "router": router,
}
