"""`commissioner ...`: start and stop, ID, session ID, the joiner table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from s20.thread import WILDCARD, JoinerDiscerner

from ._cli import Handler
from ._cli_args import parse_discerner, parse_hex, parse_uint, require
from ._commissioner import JoinerTarget
from ._errors import CliError, OtError

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]

DEFAULT_JOINER_TIMEOUT = 120
# Commissioner features of the recorded build that this model does not simulate.
_UNMODELED = frozenset({"announce", "energy", "mgmtget", "mgmtset", "panid", "provisioningurl"})


def _joiner_target(text: str) -> JoinerTarget:
    """Parse `*`, a discerner `0xabc/12` or an EUI-64 of 16 hex digits."""
    if text == "*":
        return WILDCARD
    discerner = parse_discerner(text)
    if discerner is not None:
        value, bits = discerner
        return JoinerDiscerner(value & ((1 << bits) - 1), bits)
    return parse_hex(text, 8)


def _joiner(node: VirtualNode, args: list[str]) -> None:
    commissioner = node.commissioner
    match args:
        case ["table"]:
            for line in commissioner.table_lines():
                node.print_line(line)
        case ["add", target, pskd, *rest]:
            require(len(rest) <= 1)
            parsed = _joiner_target(target)
            timeout = parse_uint(rest[0], 32) if rest else DEFAULT_JOINER_TIMEOUT
            commissioner.add_joiner(parsed, pskd, timeout)
        case ["remove", target]:
            commissioner.remove_joiner(_joiner_target(target))
        case _:
            raise CliError(OtError.INVALID_ARGS)


def commissioner(node: VirtualNode, args: list[str]) -> None:
    commissioner = node.commissioner
    match args:
        case ["start"]:
            commissioner.start()
        case ["stop"]:
            commissioner.stop()
        case ["state"]:
            node.print_line(commissioner.state.value)
        case ["id"]:
            node.print_line(commissioner.commissioner_id)
        case ["id", name]:
            commissioner.set_id(name)
        case ["sessionid"]:
            node.print_line(str(commissioner.session_id))
        case ["joiner", *rest]:
            _joiner(node, rest)
        case [name, *_] if name in _UNMODELED:
            raise CliError(OtError.NOT_IMPLEMENTED)
        case _:
            raise CliError(OtError.INVALID_COMMAND)


COMMANDS: dict[str, Handler] = {"commissioner": commissioner}
