"""`scan`, `discover`, `scan energy` and the backbone router's `bbr ...`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._cli import Handler, Outcome
from ._cli_args import parse_uint, require
from ._datasets import CHANNELS
from ._errors import CliError, OtError
from ._scan import energy_scan, radio_scan

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]


def _channels(args: list[str]) -> list[int]:
    """Return all channels, or the one named; anything else is InvalidArgs."""
    if not args:
        return list(CHANNELS)
    require(len(args) == 1)
    channel = parse_uint(args[0], 8)
    require(channel in CHANNELS)
    return [channel]


def scan(node: VirtualNode, args: list[str]) -> Outcome:
    if args[:1] == ["energy"]:
        rest = args[1:]
        require(len(rest) <= 1)
        duration = parse_uint(rest[0], 16) if rest else 0
        return energy_scan(node, list(CHANNELS), duration)
    # An active scan works even with the interface down (transcript 04).
    return radio_scan(node, _channels(args), discover=False)


def discover(node: VirtualNode, args: list[str]) -> Outcome:
    channels = _channels(args)
    if not node.if_up:
        raise CliError(OtError.INVALID_STATE)
    return radio_scan(node, channels, discover=True)


def _bbr_config(node: VirtualNode, args: list[str]) -> None:
    bbr = node.bbr
    if not args:
        for line in bbr.config_lines():
            node.print_line(line)
        return
    values = {"seqno": bbr.seqno, "delay": bbr.delay, "timeout": bbr.timeout}
    bits = {"seqno": 8, "delay": 16, "timeout": 32}
    require(len(args) % 2 == 0)
    for key, text in zip(args[::2], args[1::2], strict=True):
        require(key in values)
        values[key] = parse_uint(text, bits[key])
    bbr.configure(**values)


def bbr(node: VirtualNode, args: list[str]) -> None:
    backbone = node.bbr
    match args:
        case []:
            service = node.partition.bbr if node.partition is not None else None
            if service is None:
                node.print_line("BBR Primary: None")
                return
            node.print_line("BBR Primary:")
            node.print_line(f"server16: 0x{service.server_rloc16:04X}")
            node.print_line(f"seqno:    {service.seqno}")
            node.print_line(f"delay:    {service.delay} secs")
            node.print_line(f"timeout:  {service.timeout} secs")
        case ["state"]:
            node.print_line(backbone.state)
        case ["enable"]:
            backbone.enable()
        case ["disable"]:
            backbone.disable()
        case ["register"]:
            backbone.register()
        case ["jitter"]:
            node.print_line(str(backbone.jitter))
        case ["jitter", value]:
            backbone.jitter = parse_uint(value, 8)
        case ["config", *rest]:
            _bbr_config(node, rest)
        case ["mgmt" | "mlr", *_]:
            raise CliError(OtError.NOT_IMPLEMENTED)
        case _:
            raise CliError(OtError.INVALID_COMMAND)


COMMANDS: dict[str, Handler] = {"bbr": bbr, "discover": discover, "scan": scan}
