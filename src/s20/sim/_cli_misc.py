"""Node-level commands: versions, state, identity, interface, addresses, counters, help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._addresses import ip6_text, link_local, multicast_addresses, rloc_address, unicast_addresses
from ._cli import Handler, Outcome, help_names
from ._cli_args import parse_hex, parse_int, parse_uint, require
from ._errors import CliError, OtError
from ._personality import Personality

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]

API_VERSION = 552
THREAD_VERSION = 5
_MAC_COUNTERS = (
    "TxTotal",
    "TxUnicast",
    "TxBroadcast",
    "TxAckRequested",
    "TxAcked",
    "TxNoAckRequested",
    "TxData",
    "TxDataPoll",
    "TxBeacon",
    "TxBeaconRequest",
    "TxOther",
    "TxRetry",
    "TxErrCca",
    "TxErrBusyChannel",
    "TxErrAbort",
    "TxDirectMaxRetryExpiry",
    "TxIndirectMaxRetryExpiry",
    "RxTotal",
    "RxUnicast",
    "RxBroadcast",
    "RxData",
    "RxDataPoll",
    "RxBeacon",
    "RxBeaconRequest",
    "RxOther",
    "RxAddressFiltered",
    "RxDestAddrFiltered",
    "RxDuplicated",
    "RxErrNoFrame",
    "RxErrNoUnknownNeighbor",
    "RxErrInvalidSrcAddr",
    "RxErrSec",
    "RxErrFcs",
    "RxErrOther",
)
_IP_COUNTERS = ("TxSuccess", "TxFailed", "RxSuccess", "RxFailed")


def _no_args(args: list[str]) -> None:
    require(not args, OtError.INVALID_ARGS)


def version(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(node.personality.version)
    elif args == ["api"]:
        node.print_line(str(API_VERSION))
    else:
        raise CliError(OtError.INVALID_COMMAND)


def thread(node: VirtualNode, args: list[str]) -> None:
    match args:
        case ["start"]:
            node.thread_start()
        case ["stop"]:
            node.thread_stop()
        case ["version"]:
            node.print_line(str(THREAD_VERSION))
        case _:
            raise CliError(OtError.INVALID_COMMAND)


def rcp(node: VirtualNode, args: list[str]) -> None:
    version = node.personality.rcp_version
    # ot-cli-ftd runs the radio in-process: there is no RCP to ask.
    require(version is not None, OtError.NOT_IMPLEMENTED)
    require(args == ["version"])
    node.print_line(str(version))


def state(node: VirtualNode, args: list[str]) -> None:
    # Forcing a role (`state leader`) is not simulated; anything else is refused too.
    _no_args(args)
    node.print_line(node.role.value)


def extaddr(node: VirtualNode, args: list[str]) -> None:
    _no_args(args)
    node.print_line(node.extaddr.hex())


def eui64(node: VirtualNode, args: list[str]) -> None:
    _no_args(args)
    node.print_line(node.eui64.hex())


def rloc16(node: VirtualNode, args: list[str]) -> None:
    _no_args(args)
    node.print_line(f"{node.rloc16:04x}")


def txpower(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(f"{node.tx_power} dBm")
        return
    require(len(args) == 1)
    node.tx_power = parse_int(args[0], 8)


def ifconfig(node: VirtualNode, args: list[str]) -> None:
    match args:
        case []:
            node.print_line("up" if node.if_up else "down")
        case ["up"]:
            node.interface_up()
        case ["down"]:
            node.interface_down()
        case _:
            raise CliError(OtError.INVALID_ARGS)


def ipaddr(node: VirtualNode, args: list[str]) -> None:
    prefix = node.params.mesh_local_prefix
    match args:
        case [] | ["-v"]:
            if not node.if_up:
                return
            slaac = node.slaac_addresses()
            partition = node.partition
            addresses = unicast_addresses(
                mesh_local=prefix,
                extaddr=node.extaddr,
                ml_eid_iid=node.ml_eid_iid,
                rloc16=node.rloc16 if node.is_attached else None,
                leader=node.role.value == "leader",
                slaac=slaac,
                service_ids=partition.served_by(node.rloc16) if partition else [],
            )
            for address in addresses:
                origin = "slaac" if address in slaac else "thread"
                suffix = f" origin:{origin} plen:64 preferred:1 valid:1" if args else ""
                node.print_line(ip6_text(address) + suffix)
        case ["mleid"]:
            node.print_line(ip6_text(prefix.network_address.packed[:8] + node.ml_eid_iid))
        case ["linklocal"]:
            node.print_line(ip6_text(link_local(node.extaddr)))
        case ["rloc"]:
            node.print_line(ip6_text(rloc_address(prefix, node.address_rloc16)))
        case _:
            raise CliError(OtError.INVALID_ARGS)


def ipmaddr(node: VirtualNode, args: list[str]) -> None:
    _no_args(args)
    if node.if_up:
        router = node.role.value in ("router", "leader")
        host = node.personality is Personality.BORDER_ROUTER
        groups = multicast_addresses(node.params.mesh_local_prefix, router=router, host=host)
        for group in groups:
            node.print_line(ip6_text(group))


def mode(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(node.link_mode)
        return
    require(len(args) == 1 and (args[0] == "-" or set(args[0]) <= set("rdn")))
    node.link_mode = "".join(c for c in "rdn" if c in args[0]) or "-"


def uptime(node: VirtualNode, args: list[str]) -> None:
    millis = int(node.uptime() * 1000)
    if args == ["ms"]:
        node.print_line(str(millis))
        return
    _no_args(args)
    seconds, ms = divmod(millis, 1000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    day_text = f"{days}d." if days else ""
    node.print_line(f"{day_text}{hour:02}:{minute:02}:{sec:02}.{ms:03}")


def ba(node: VirtualNode, args: list[str]) -> None:
    match args:
        case ["state"]:
            node.print_line("Active" if node.is_attached else "Inactive")
        case ["port"]:
            node.print_line(str(node.ba_port if node.is_attached else 0))
        case ["id"]:
            node.print_line(node.ba_id.hex())
        case ["id", text]:
            node.ba_id = parse_hex(text, 16)
        case _:
            raise CliError(OtError.INVALID_COMMAND)


def leaderdata(node: VirtualNode, args: list[str]) -> None:
    partition = node.partition
    if partition is None:
        raise CliError(OtError.DETACHED)
    node.print_line(f"Partition ID: {partition.partition_id}")
    node.print_line(f"Weighting: {partition.weighting}")
    node.print_line(f"Data Version: {partition.data_version}")
    node.print_line(f"Stable Data Version: {partition.stable_data_version}")
    node.print_line(f"Leader Router ID: {partition.leader_router_id}")


def partitionid(node: VirtualNode, args: list[str]) -> None:
    _no_args(args)
    node.print_line(str(node.partition.partition_id if node.partition else 0))


def leaderweight(node: VirtualNode, args: list[str]) -> None:
    if not args:
        node.print_line(str(node.leader_weight))
        return
    require(len(args) == 1)
    node.leader_weight = parse_uint(args[0], 8)


def counters(node: VirtualNode, args: list[str]) -> None:
    # The model exchanges no frames, so every traffic counter stays at zero.
    match args:
        case []:
            for name in ("ip", "mac"):
                node.print_line(name)
        case ["mac"]:
            for name in _MAC_COUNTERS:
                indent = "" if name in ("TxTotal", "RxTotal") else "    "
                node.print_line(f"{indent}{name}: 0")
        case ["ip"]:
            for name in _IP_COUNTERS:
                node.print_line(f"{name}: 0")
        case _:
            raise CliError(OtError.INVALID_ARGS)


def help_(node: VirtualNode, args: list[str]) -> None:
    for name in help_names(node):
        node.print_line(name)


def factoryreset(node: VirtualNode, args: list[str]) -> Outcome:
    # The node reboots: no `Done`, only the prompt of the new boot.
    node.factory_reset()
    return Outcome.SILENT


def reset(node: VirtualNode, args: list[str]) -> Outcome:
    node.reboot()
    return Outcome.SILENT


COMMANDS: dict[str, Handler] = {
    "ba": ba,
    "counters": counters,
    "eui64": eui64,
    "extaddr": extaddr,
    "factoryreset": factoryreset,
    "help": help_,
    "ifconfig": ifconfig,
    "ipaddr": ipaddr,
    "ipmaddr": ipmaddr,
    "leaderdata": leaderdata,
    "leaderweight": leaderweight,
    "mode": mode,
    "partitionid": partitionid,
    "rcp": rcp,
    "reset": reset,
    "rloc16": rloc16,
    "state": state,
    "thread": thread,
    "txpower": txpower,
    "uptime": uptime,
    "version": version,
}
