"""The simulated world behind the `sim` drivers: the Thread radio neighbourhood and uplinks.

A `VirtualNode` answers OpenThread CLI commands with the bytes a real `ot-cli-ftd`
prints, backed by a model of roles, datasets, commissioner and joiner; a `World` holds
the radio neighbourhood (other networks, joiner devices) from a scenario file; a
`SimTransport` connects the OpenThread CLI driver to a node in the same process; a
`CliSocketServer` serves a node on a unix socket, as otbr-agent serves its CLI. With
`Personality.BORDER_ROUTER` a node answers as otbr-agent with a radio co-processor and
border routing does (transcript 11).
"""

from __future__ import annotations

from ._border_router import BorderRouting, BorderRoutingState
from ._clock import ScaledClock
from ._errors import CliError, OtError, ScenarioError, SimError, SocketPathError
from ._join import JoinerState
from ._node import Role, VirtualNode
from ._personality import Personality
from ._scenario import JoinerSpec, NetworkSpec, Scenario, load_scenario, parse_scenario
from ._socket import CliSocketServer
from ._timing import DEFAULT_TIMING, Timing
from ._transport import SimConnection, SimTransport
from ._uplink_drivers import SimEthernet, SimPing, SimRoutes, SimWifi
from ._uplinks import ApSpec, EthernetSpec, Uplinks, parse_ap, parse_reachability
from ._world import World

__all__ = [
    "DEFAULT_TIMING",
    "ApSpec",
    "BorderRouting",
    "BorderRoutingState",
    "CliError",
    "CliSocketServer",
    "EthernetSpec",
    "JoinerSpec",
    "JoinerState",
    "NetworkSpec",
    "OtError",
    "Personality",
    "Role",
    "ScaledClock",
    "Scenario",
    "ScenarioError",
    "SimConnection",
    "SimError",
    "SimEthernet",
    "SimPing",
    "SimRoutes",
    "SimTransport",
    "SimWifi",
    "SocketPathError",
    "Timing",
    "Uplinks",
    "VirtualNode",
    "World",
    "load_scenario",
    "parse_ap",
    "parse_reachability",
    "parse_scenario",
]
