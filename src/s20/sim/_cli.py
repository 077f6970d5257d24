"""The command table of the virtual CLI, and dispatch from a split line to its handler."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, TypeAlias

from ._errors import CliError, OtError
from ._personality import Personality

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["AGENT_HELP", "HELP", "Handler", "Outcome", "dispatch", "help_names"]


class Outcome(Enum):
    """How a command ends: `Done` now, later (`node.finish_command`), or with a bare prompt."""

    DONE = "done"
    PENDING = "pending"
    SILENT = "silent"


Handler: TypeAlias = "Callable[[VirtualNode, list[str]], Outcome | None]"

# `help` on the recorded ot-cli-ftd (transcript 01), in its order.
HELP: tuple[str, ...] = (
    "attachtime",
    "ba",
    "bbr",
    "bufferinfo",
    "ccathreshold",
    "channel",
    "child",
    "childip",
    "childmax",
    "childrouterlinks",
    "childsupervision",
    "childtimeout",
    "coap",
    "coaps",
    "coex",
    "commissioner",
    "contextreusedelay",
    "counters",
    "csl",
    "dataset",
    "debug",
    "delaytimermin",
    "detach",
    "deviceprops",
    "diag",
    "discover",
    "dns",
    "domainname",
    "eidcache",
    "eui64",
    "extaddr",
    "extpanid",
    "factoryreset",
    "fem",
    "history",
    "ifconfig",
    "instanceid",
    "ipaddr",
    "ipmaddr",
    "joiner",
    "joinerport",
    "keysequence",
    "leaderdata",
    "leaderweight",
    "locate",
    "log",
    "mac",
    "macfilter",
    "mlr",
    "mode",
    "multiradio",
    "neighbor",
    "netdata",
    "netstat",
    "networkdiagnostic",
    "networkidtimeout",
    "networkkey",
    "networkname",
    "nexthop",
    "panid",
    "parent",
    "parentpriority",
    "partitionid",
    "ping",
    "platform",
    "pollperiod",
    "preferrouterid",
    "prefix",
    "promiscuous",
    "pskc",
    "radio",
    "radiofilter",
    "rcp",
    "region",
    "releaserouterid",
    "reset",
    "rloc16",
    "route",
    "router",
    "routerdowngradethreshold",
    "routereligible",
    "routerselectionjitter",
    "routerupgradethreshold",
    "scan",
    "service",
    "singleton",
    "sntp",
    "srp",
    "state",
    "targetpower",
    "tcat",
    "tcp",
    "thread",
    "timeinqueue",
    "txpower",
    "udp",
    "unsecureport",
    "uptime",
    "vendor",
    "verhoeff",
    "version",
    "exit",
    "nodeidfilter",
)
# otbr-agent's build has border routing: `br`, in its sorted place.
AGENT_HELP: tuple[str, ...] = tuple(
    name for command in HELP for name in ((command, "br") if command == "bbr" else (command,))
)


def help_names(node: VirtualNode) -> tuple[str, ...]:
    """Return the commands `help` lists on this node."""
    return AGENT_HELP if node.personality is Personality.BORDER_ROUTER else HELP


def _table() -> Mapping[str, Handler]:
    # Imported late: the handler modules need the node type, which needs this module.
    from ._cli_br import COMMANDS as BORDER_ROUTER
    from ._cli_commissioner import COMMANDS as COMMISSIONER
    from ._cli_dataset import COMMANDS as DATASET
    from ._cli_joiner import COMMANDS as JOINER
    from ._cli_misc import COMMANDS as MISC
    from ._cli_network import COMMANDS as NETWORK
    from ._cli_radio import COMMANDS as RADIO

    return {**MISC, **NETWORK, **DATASET, **COMMISSIONER, **JOINER, **RADIO, **BORDER_ROUTER}


_COMMANDS: dict[str, Handler] = {}
# Commands only otbr-agent answers; ot-cli-ftd has no `br`, and its `srp` is not simulated.
_AGENT_ONLY = frozenset({"br", "srp"})


def dispatch(node: VirtualNode, args: list[str]) -> Outcome:
    """Run the command `args[0]` with its arguments; raise CliError if it fails."""
    if not _COMMANDS:
        _COMMANDS.update(_table())
    handler = _COMMANDS.get(args[0])
    if args[0] in _AGENT_ONLY and node.personality is not Personality.BORDER_ROUTER:
        handler = None
    if handler is None:
        # A command the recorded build has but this model does not simulate.
        known = args[0] in help_names(node)
        raise CliError(OtError.NOT_IMPLEMENTED if known else OtError.INVALID_COMMAND)
    return handler(node, args[1:]) or Outcome.DONE
