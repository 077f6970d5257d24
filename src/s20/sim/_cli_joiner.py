"""`joiner ...`: start and stop, state, joiner ID and discerner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._cli import Handler
from ._cli_args import parse_discerner
from ._errors import CliError, OtError

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]


def _discerner(node: VirtualNode, args: list[str]) -> None:
    joiner = node.joiner
    match args:
        case []:
            if joiner.discerner is None:
                raise CliError(OtError.NOT_FOUND)
            value, bits = joiner.discerner
            node.print_line(f"0x{value:x}/{bits}")
        case ["clear"]:
            joiner.set_discerner(None)
        case [text]:
            discerner = parse_discerner(text)
            if discerner is None:
                raise CliError(OtError.INVALID_ARGS)
            joiner.set_discerner(discerner)
        case _:
            raise CliError(OtError.INVALID_ARGS)


def joiner(node: VirtualNode, args: list[str]) -> None:
    match args:
        case ["start", pskd, *_provisioning]:
            # A provisioning URL and vendor fields may follow; the model has no use for them.
            node.joiner.start(pskd)
        case ["stop"]:
            node.joiner.stop()
        case ["state"]:
            node.print_line(node.joiner.state.value)
        case ["id"]:
            node.print_line(node.joiner.joiner_id.hex())
        case ["discerner", *rest]:
            _discerner(node, rest)
        case _:
            raise CliError(OtError.INVALID_ARGS)


COMMANDS: dict[str, Handler] = {"joiner": joiner}
