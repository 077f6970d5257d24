"""Border routing of the otbr-agent personality: publishing, withdrawing, peers, refusals."""

from __future__ import annotations

import random
from ipaddress import IPv6Address, IPv6Network

import pytest

from s20.clock import ManualClock
from s20.otcli import BorderRoutingState, OtCli, Radio
from s20.sim import DEFAULT_TIMING, Personality, SimTransport, VirtualNode, World
from s20.sim._cli import HELP

from .agent import AGENT_ULA, C1, agent_node, answer
from .conftest import Console, MakeNode, attach_child, form_network

T = DEFAULT_TIMING
OMR = "fdff:6250:9d92:1::/64"
# Long enough for an attached agent to publish everything.
SETTLED = T.br_services_delay + 0.001


def agent(world: World, clock: ManualClock, seed: int) -> Console:
    node = VirtualNode(
        world,
        clock,
        eui64=bytes.fromhex(f"18b43000000000{seed:02x}"),
        rng=random.Random(seed),
        personality=Personality.BORDER_ROUTER,
    )
    return Console(node)


def join(console: Console, clock: ManualClock) -> None:
    """Attach the node as a child to the network conftest's `form_network` made."""
    attach_child(console, clock)
    assert console.ok("state") == ["child"]


def omr_of(console: Console) -> str:
    routing = console.node.border_routing
    assert routing is not None
    return str(routing.local_omr.prefix)


def section(netdata: list[str], name: str) -> list[str]:
    """Return the rows under one heading of `netdata show`."""
    start = netdata.index(f"{name}:") + 1
    end = next(i for i in range(start, len(netdata)) if netdata[i].endswith(":"))
    return netdata[start:end]


def test_a_bare_cli_node_has_no_agent_commands(make_node: MakeNode) -> None:
    cli = make_node()
    # 01_basic_info.txt: ot-cli-ftd's `help` has no `br`; its radio is in the same build.
    assert cli.error("br state") == "Error 35: InvalidCommand"
    assert cli.error("rcp version") == "Error 12: NotImplemented"
    assert cli.error("srp server state") == "Error 12: NotImplemented"
    assert cli.ok("leaderweight") == ["64"]
    assert "br" not in cli.ok("help")


def test_agent_help_rcp_and_leader_weight(world: World, clock: ManualClock) -> None:
    console = agent(world, clock, 1)
    names = console.ok("help")
    assert names == [*HELP[: HELP.index("bbr") + 1], "br", *HELP[HELP.index("bbr") + 1 :]]
    # 11_otbr_agent_otctl.txt:88-91
    assert console.ok("rcp version") == list(C1["rcp version"].output)
    assert console.error("rcp") == "Error 7: InvalidArgs"
    assert console.error("rcp version now") == "Error 7: InvalidArgs"
    # :245: a border router on external power weighs 65.
    assert console.ok("leaderweight") == ["65"]


def test_br_subcommands_and_refusals(world: World, clock: ManualClock) -> None:
    console = agent(world, clock, 1)
    listed = console.run("br")
    assert listed[-1] == "Error 35: InvalidCommand"
    assert console.ok("br help") == listed[1:-1]
    assert {"state", "omrprefix", "onlinkprefix", "routers", "peers"} <= set(listed)
    assert console.error("br state now") == "Error 7: InvalidArgs"
    assert console.error("br omrprefix both") == "Error 7: InvalidArgs"
    assert console.error("br peers all") == "Error 7: InvalidArgs"
    assert console.error("br init") == "Error 12: NotImplemented"
    assert console.error("br nosuch") == "Error 35: InvalidCommand"
    assert console.error("srp client start") == "Error 12: NotImplemented"
    assert console.error("srp nosuch") == "Error 35: InvalidCommand"
    # Stopped (not attached): the local prefixes are known, the favored OMR prefix is not.
    assert console.ok("br state") == ["stopped"]
    local = console.ok("br omrprefix local")[0]
    assert IPv6Network(local).prefixlen == 64
    assert local.endswith(":1::/64")
    assert console.run("br omrprefix") == [
        "br omrprefix",
        f"Local: {local}",
        "Error 13: InvalidState",
    ]
    assert console.error("br omrprefix favored") == "Error 13: InvalidState"
    # The on-link prefix is fd + ext PAN ID bytes 0-4 + bytes 6-7 (11_otbr_agent_otctl.txt:
    # 124, 164), and follows a new ext PAN ID.
    console.ok("extpanid 9cb060993f5e0384")
    assert console.ok("br onlinkprefix") == list(C1["br onlinkprefix"].output)
    console.ok("extpanid 0011223344550000")
    assert console.ok("br onlinkprefix local") == ["fd00:1122:3344:0::/64"]
    assert console.ok("br onlinkprefix favored") == ["fd00:1122:3344:0::/64"]
    assert console.ok("br peers count") == ["0 min-age:00:00:00"]
    assert console.ok("br prefixtable") == []
    assert console.ok("br rdnsstable") == []


def test_a_child_agent_publishes_and_withdraws_in_its_leaders_network_data(
    make_node: MakeNode, world: World, clock: ManualClock
) -> None:
    leader = make_node()
    form_network(leader, clock)
    child = agent(world, clock, 2)
    join(child, clock)
    omr = omr_of(child)
    clock.advance(SETTLED)
    rloc16 = child.ok("rloc16")[0]
    netdata = leader.ok("netdata show")
    assert section(netdata, "Prefixes") == [f"{omr} paos low {rloc16}"]
    assert section(netdata, "Routes") == [f"fc00::/7 sa med {rloc16}"]
    [service] = section(netdata, "Services")
    assert service.startswith("44970 5d ")
    assert service.endswith(f"d120 s {rloc16} 0")
    assert section(netdata, "Contexts") == [f"{omr} 1 sc"]
    # Every node of the partition configures a SLAAC address from the OMR prefix.
    network = IPv6Network(omr)
    assert sum(IPv6Address(a) in network for a in leader.ok("ipaddr")) == 1
    child_addresses = child.ok("ipaddr")
    assert sum(IPv6Address(a) in network for a in child_addresses) == 1
    # The child serves service 0, so it holds that service's ALOC (0xfc10).
    assert child_addresses[0].endswith(":0:ff:fe00:fc10")

    child.ok("thread stop")
    netdata = leader.ok("netdata show")
    for name in ("Prefixes", "Routes", "Services", "Contexts"):
        assert section(netdata, name) == []
    assert not any(IPv6Address(a) in network for a in leader.ok("ipaddr"))
    assert child.ok("br state") == ["stopped"]
    assert child.ok("srp server state") == ["disabled"]
    assert child.ok("route") == []
    assert child.ok("prefix") == []


def test_entries_follow_the_agent_when_it_becomes_a_router(
    make_node: MakeNode, world: World, clock: ManualClock
) -> None:
    leader = make_node()
    form_network(leader, clock)
    child = agent(world, clock, 2)
    join(child, clock)
    clock.advance(SETTLED)
    before = child.ok("rloc16")[0]
    clock.advance(T.router_upgrade_delay)
    assert child.ok("state") == ["router"]
    after = child.ok("rloc16")[0]
    assert after != before
    netdata = leader.ok("netdata show")
    assert section(netdata, "Prefixes") == [f"{omr_of(child)} paos low {after}"]
    assert section(netdata, "Routes") == [f"fc00::/7 sa med {after}"]
    assert section(netdata, "Services")[0].endswith(f" s {after} 0")


def test_br_disable_withdraws_and_enable_publishes_again(world: World, clock: ManualClock) -> None:
    console = Console(agent_node(world, clock))
    form_network(console, clock)
    clock.advance(SETTLED)
    assert section(console.ok("netdata show"), "Prefixes") != []
    console.ok("br disable")
    assert console.ok("br state") == ["disabled"]
    netdata = console.ok("netdata show")
    assert section(netdata, "Prefixes") == section(netdata, "Routes") == []
    assert section(netdata, "Services") == []
    assert console.run("br omrprefix")[-1] == "Error 13: InvalidState"
    console.ok("br enable")
    assert console.ok("br state") == ["running"]
    clock.advance(T.br_evaluation_delay)
    rloc16 = console.ok("rloc16")[0]
    assert section(console.ok("netdata show"), "Prefixes") == [f"{OMR} paos low {rloc16}"]
    assert console.ok("srp server state") == ["disabled"]
    clock.advance(T.br_services_delay - T.br_evaluation_delay)
    assert console.ok("srp server state") == ["running"]


def test_a_second_agent_favours_the_first_ones_prefix(world: World, clock: ManualClock) -> None:
    first = Console(agent_node(world, clock))
    form_network(first, clock)
    clock.advance(SETTLED)
    second = agent(world, clock, 2)
    join(second, clock)
    clock.advance(5.0)
    # The second has evaluated: the network's OMR prefix (low) is as good as its own.
    assert second.ok("br omrprefix") == [
        f"Local: {omr_of(second)}",
        f"Favored: {OMR} prf:low",
    ]
    clock.advance(SETTLED - 5.0)
    netdata = first.ok("netdata show")
    lead, other = first.ok("rloc16")[0], second.ok("rloc16")[0]
    assert section(netdata, "Prefixes") == [f"{OMR} paos low {lead}"]
    assert section(netdata, "Routes") == [f"fc00::/7 sa med {r}" for r in (lead, other)]
    # Both serve SRP: one service (ID 0) with two servers.
    services = section(netdata, "Services")
    assert [s.split()[-2:] for s in services] == [[lead, "0"], [other, "0"]]
    # Each sees the other as a peer border router (it publishes a route), aged from when
    # it appeared under its RLOC16: the second's is new since it became a router, 10 s ago.
    clock.advance(T.router_upgrade_delay)
    assert second.ok("state") == ["router"]
    other = second.ok("rloc16")[0]
    clock.advance(3 * 3600 + 32)
    assert first.ok("br peers") == [f"rloc16:0x{other} age:03:00:42"]
    assert first.ok("br peers count") == ["1 min-age:03:00:42"]
    # The second has seen the first's route since it attached.
    assert second.ok("br peers") == [f"rloc16:0x{lead} age:03:01:02"]

    # The first stops routing: the second publishes its own prefix at its next evaluation.
    first.ok("br disable")
    clock.advance(T.br_evaluation_delay)
    assert section(first.ok("netdata show"), "Prefixes") == [f"{omr_of(second)} paos low {other}"]
    assert second.ok("br omrprefix")[1] == f"Favored: {omr_of(second)} prf:low"


def test_a_better_on_mesh_prefix_keeps_the_omr_prefix_out(world: World, clock: ManualClock) -> None:
    console = Console(agent_node(world, clock))
    # A configured on-mesh prefix at medium preference outranks the generated one (low).
    console.ok("prefix add fd00:77::/64 paos med")
    form_network(console, clock)
    clock.advance(SETTLED)
    rloc16 = console.ok("rloc16")[0]
    assert console.ok("br omrprefix")[1] == "Favored: fd00:77:0:0::/64 prf:med"
    netdata = console.ok("netdata show")
    assert section(netdata, "Prefixes") == [f"fd00:77:0:0::/64 paos med {rloc16}"]
    assert section(netdata, "Routes") == [f"fc00::/7 sa med {rloc16}"]
    console.ok("prefix remove fd00:77::/64")
    console.ok("netdata register")
    clock.advance(T.br_evaluation_delay)
    assert section(console.ok("netdata show"), "Prefixes") == [f"{OMR} paos low {rloc16}"]


def test_bbr_and_srp_services_get_their_own_ids(world: World, clock: ManualClock) -> None:
    console = Console(agent_node(world, clock))
    form_network(console, clock)
    clock.advance(SETTLED)
    console.ok("bbr enable")
    clock.advance(T.bbr_register_delay)
    rloc16 = console.ok("rloc16")[0]
    services = section(console.ok("netdata show"), "Services")
    assert [s.split()[1] for s in services] == ["5d", "01"]
    assert [s.split()[-1] for s in services] == ["0", "1"]
    assert all(s.split()[-2] == rloc16 for s in services)
    # One ALOC per service served: 0xfc10 + service ID, newest first.
    assert [a.rsplit(":", 1)[1] for a in console.ok("ipaddr")[:2]] == ["fc11", "fc10"]
    console.ok("bbr disable")
    services = section(console.ok("netdata show"), "Services")
    assert [s.split()[1] for s in services] == ["5d"]


def test_reset_keeps_the_ula_prefix_factoryreset_draws_a_new_one(
    world: World, clock: ManualClock
) -> None:
    console = Console(agent_node(world, clock))
    assert console.ok("br omrprefix local") == [OMR]
    console.run("reset")
    assert console.ok("br omrprefix local") == [OMR]
    console.run("factoryreset")
    routing = console.node.border_routing
    assert routing is not None
    assert routing.ula != AGENT_ULA
    assert console.ok("br omrprefix local") != [OMR]


async def test_the_otcli_radio_reads_what_the_api_reports(world: World, clock: ManualClock) -> None:
    node = agent_node(world, clock)
    async with OtCli(SimTransport(node), clock) as cli:
        radio = Radio(cli)
        versions = await radio.versions()
        # 11_otbr_agent_otctl.txt:74, :89: the agent's own build and its RCP's differ.
        assert versions.version == C1["version"].output[0]
        assert versions.rcp == C1["rcp version"].output[0]
        for line in ("dataset init new", "dataset commit active", "ifconfig up", "thread start"):
            await cli.command(line)
        clock.advance(T.leader_delay)
        assert await radio.br_state() is BorderRoutingState.RUNNING
        assert (await radio.netdata()).on_mesh_prefix is None
        clock.advance(T.br_evaluation_delay)
        prefix = (await radio.netdata()).on_mesh_prefix
        assert prefix is not None
        assert prefix.prefix == IPv6Network(OMR)
        assert (await radio.br_omrprefix()).favored == IPv6Network(OMR)
        assert any(a in IPv6Network(OMR) for a in await radio.ipaddrs())


@pytest.mark.parametrize("command", ["br routers", "br peers"])
def test_a_lone_agent_lists_no_routers_or_peers(
    world: World, clock: ManualClock, command: str
) -> None:
    console = Console(agent_node(world, clock))
    form_network(console, clock)
    clock.advance(SETTLED)
    # 11_otbr_agent_otctl.txt:169-175
    assert answer(console, command) == (C1[command].output, C1[command].result)
