"""The radio reads and writes that only the OTBR REST API needs, over the same CLI session.

otbr-agent answers its REST API from the OpenThread instance it owns; the border router
here asks the same instance through the CLI, with the commands `ot-ctl` offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv6Address

from s20.otcli import (
    DeviceRole,
    OtCliError,
    OtCliParseError,
    OtErrorCode,
    Radio,
    parse_dataset_hex,
)

__all__ = ["FACTORY_NETWORK", "LeaderData", "NodeInfo", "RadioExtras"]

# What a factory-new OpenThread node reports before it has a dataset (`networkname`,
# `extpanid`, `panid`, `channel`, `prefix meshlocal`), as the recorded agent shows it.
FACTORY_NETWORK: tuple[tuple[str, str], ...] = (
    ("networkname", "OpenThread"),
    ("extpanid", "dead00beef00cafe"),
    ("panid", "0xffff"),
    ("channel", "11"),
    ("prefix meshlocal", "fdde:ad00:beef:0::/64"),
)


@dataclass(frozen=True)
class LeaderData:
    """`leaderdata`: the partition this node is in, as its leader announces it."""

    partition_id: int = 0
    weighting: int = 0
    data_version: int = 0
    stable_data_version: int = 0
    leader_router_id: int = 0


@dataclass(frozen=True)
class NodeInfo:
    """What otbr-agent's `/node` tells about the node."""

    ba_id: str
    role: DeviceRole
    router_count: int
    rloc_address: IPv6Address
    ext_address: str
    network_name: str
    rloc16: int
    leader_data: LeaderData | None
    ext_pan_id: str


def _one(lines: list[str], what: str) -> str:
    if len(lines) != 1:
        raise OtCliParseError(f"{what}: expected one line, got {lines!r}")
    return lines[0].strip()


class RadioExtras:
    """Typed CLI commands for the REST API's node, dataset and border agent resources."""

    def __init__(self, radio: Radio) -> None:
        self._radio = radio

    async def _run(self, command: str, *args: str | int) -> list[str]:
        return await self._radio.cli.command(command, *args)

    async def leader_data(self) -> LeaderData | None:
        """Return the leader data, or None while the node is in no partition."""
        try:
            lines = await self._run("leaderdata")
        except OtCliError as exc:
            if exc.code in (OtErrorCode.DETACHED, OtErrorCode.INVALID_STATE):
                return None
            raise
        values: dict[str, int] = {}
        for line in lines:
            key, _, value = line.partition(":")
            try:
                values[key.strip()] = int(value.strip())
            except ValueError:
                raise OtCliParseError(f"leaderdata: unexpected line {line!r}") from None
        try:
            return LeaderData(
                partition_id=values["Partition ID"],
                weighting=values["Weighting"],
                data_version=values["Data Version"],
                stable_data_version=values["Stable Data Version"],
                leader_router_id=values["Leader Router ID"],
            )
        except KeyError as exc:
            raise OtCliParseError(f"leaderdata: no {exc.args[0]!r} in {lines!r}") from None

    async def rloc_address(self) -> IPv6Address:
        """Return the routing locator address (`ipaddr rloc`)."""
        text = _one(await self._run("ipaddr rloc"), "ipaddr rloc")
        try:
            return IPv6Address(text)
        except ValueError:
            raise OtCliParseError(f"ipaddr rloc: not an address: {text!r}") from None

    async def border_agent_id(self) -> str:
        """Return the border agent ID as 32 hex digits (`ba id`)."""
        text = _one(await self._run("ba id"), "ba id").lower()
        if len(text) != 32 or any(c not in "0123456789abcdef" for c in text):
            raise OtCliParseError(f"ba id: not 16 bytes of hex: {text!r}")
        return text

    async def set_border_agent_id(self, ba_id: bytes) -> None:
        """Set the border agent ID (`ba id <hex>`)."""
        await self._run("ba id", ba_id.hex())

    async def router_count(self) -> int:
        """Return how many routers the router table lists (0 unless router or leader)."""
        lines = await self._run("router table")
        return sum(1 for line in lines[2:] if line.startswith("|"))

    async def pending_dataset_hex(self) -> str | None:
        """Return the pending dataset as hex TLVs (its delay as it stands), or None."""
        try:
            return parse_dataset_hex(await self._run("dataset pending -x"))
        except OtCliError as exc:
            if exc.code == OtErrorCode.NOT_FOUND:
                return None
            raise

    async def set_pending_dataset(self, tlvs: str) -> None:
        """Replace the pending dataset (`dataset set pending <hex>`)."""
        await self._run("dataset set pending", tlvs.lower())

    async def new_network_hex(self) -> str:
        """Return a new random network as the radio makes it (`dataset init new`)."""
        await self._run("dataset init new")
        text = _one(await self._run("dataset tlvs"), "dataset tlvs")
        await self._run("dataset clear")
        return text.lower()

    async def restore_factory_network(self, network_key: bytes) -> None:
        """Give the stopped node OpenThread's factory parameters, which drops its datasets."""
        for command, value in FACTORY_NETWORK:
            await self._run(command, value)
        await self._run("networkkey", network_key.hex())

    async def node_info(self) -> NodeInfo:
        """Read everything `/node` shows, one command after another."""
        radio = self._radio
        return NodeInfo(
            ba_id=await self.border_agent_id(),
            role=await radio.state(),
            router_count=await self.router_count(),
            rloc_address=await self.rloc_address(),
            ext_address=await radio.extaddr(),
            network_name=await radio.networkname(),
            rloc16=await radio.rloc16(),
            leader_data=await self.leader_data(),
            ext_pan_id=await radio.extpanid(),
        )
