"""Typed commands over `OtCli`: what a border router asks of its Thread radio."""

from __future__ import annotations

import re
from collections.abc import Callable
from ipaddress import IPv6Address

from ._client import EventStream, OtCli
from ._errors import OtCliError, OtErrorCode
from ._events import RadioEvent, parse_event
from ._models import (
    BbrConfig,
    BbrPrimary,
    BbrState,
    BorderRoutingState,
    CommissionerState,
    DeviceRole,
    Discerner,
    DiscoverResult,
    EnergyScanResult,
    JoinerEntry,
    JoinerState,
    OmrPrefixes,
    ScanResult,
    Versions,
)
from ._netdata import NetworkData, parse_netdata
from ._parsers import (
    parse_api_version,
    parse_bbr,
    parse_bbr_config,
    parse_bbr_state,
    parse_br_omrprefix,
    parse_br_state,
    parse_channel,
    parse_commissioner_state,
    parse_dataset_hex,
    parse_eui64,
    parse_extaddr,
    parse_extpanid,
    parse_ifconfig,
    parse_ipaddrs,
    parse_joiner_id,
    parse_joiner_state,
    parse_networkname,
    parse_panid,
    parse_pskc,
    parse_rloc16,
    parse_state,
    parse_thread_version,
    parse_txpower,
    parse_uint,
    parse_version,
)
from ._tables import parse_discover, parse_energy_scan, parse_joiner_table, parse_scan

__all__ = ["Radio"]

_EUI64 = re.compile(r"^[0-9a-fA-F]{16}$")
_HEX = re.compile(r"^(?:[0-9a-fA-F]{2})+$")
# `rcp version` on a node without a separate radio co-processor.
_NO_RCP = frozenset({OtErrorCode.NOT_IMPLEMENTED, OtErrorCode.INVALID_COMMAND})


def joiner_arg(joiner: str | Discerner) -> str:
    """Check a joiner matcher and return it as the CLI expects: `*`, an EUI-64 or `0xabc/12`."""
    if isinstance(joiner, Discerner):
        return str(joiner)
    if joiner == "*":
        return joiner
    if _EUI64.match(joiner):
        return joiner.lower()
    if "/" in joiner:
        return str(Discerner.parse(joiner))
    raise ValueError(f"joiner must be '*', a 16-digit EUI-64 or a discerner, not {joiner!r}")


class Radio:
    """The Thread radio as typed async methods.

    Failures to get an answer, and answers that are errors, raise `RadioError`; bad
    arguments raise `ValueError` before anything is sent.
    """

    def __init__(self, cli: OtCli) -> None:
        self._cli = cli

    @property
    def cli(self) -> OtCli:
        """Return the line client underneath."""
        return self._cli

    def subscribe(self, callback: Callable[[RadioEvent], None]) -> Callable[[], None]:
        """Call `callback` with every unsolicited line as a typed event; return an unsubscriber."""
        return self._cli.subscribe(lambda line: callback(parse_event(line)))

    def on_reconnect(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` after the CLI session was lost and reconnected."""
        return self._cli.on_reconnect(callback)

    def events(self) -> EventStream[RadioEvent]:
        """Return an async iterator of typed events, from now until the client closes."""
        return EventStream(self._cli, parse_event)

    async def _run(self, command: str, *args: str | int) -> list[str]:
        # The client's defaults already give scan and discover their longer timeout.
        return await self._cli.command(command, *args)

    # Identity and state.

    async def state(self) -> DeviceRole:
        """Return the Thread role."""
        return parse_state(await self._run("state"))

    async def versions(self) -> Versions:
        """Return the stack, API, Thread and RCP versions (`rcp` None without an RCP)."""
        version = parse_version(await self._run("version"))
        api = parse_api_version(await self._run("version api"))
        thread = parse_thread_version(await self._run("thread version"))
        try:
            rcp: str | None = parse_version(await self._run("rcp version"))
        except OtCliError as exc:
            if exc.code not in _NO_RCP:
                raise
            rcp = None
        return Versions(version=version, api=api, thread=thread, rcp=rcp)

    async def extaddr(self) -> str:
        """Return the extended MAC address as hex."""
        return parse_extaddr(await self._run("extaddr"))

    async def eui64(self) -> str:
        """Return the factory EUI-64 as hex."""
        return parse_eui64(await self._run("eui64"))

    async def rloc16(self) -> int:
        """Return the RLOC16 (0xfffe while detached)."""
        return parse_rloc16(await self._run("rloc16"))

    async def ipaddrs(self) -> list[IPv6Address]:
        """Return the Thread interface's unicast addresses."""
        return parse_ipaddrs(await self._run("ipaddr"))

    async def txpower(self) -> int:
        """Return the transmit power in dBm."""
        return parse_txpower(await self._run("txpower"))

    async def set_txpower(self, dbm: int) -> None:
        """Set the transmit power in dBm."""
        await self._run("txpower", int(dbm))

    async def channel(self) -> int:
        """Return the radio channel."""
        return parse_channel(await self._run("channel"))

    async def panid(self) -> int:
        """Return the PAN ID."""
        return parse_panid(await self._run("panid"))

    async def extpanid(self) -> str:
        """Return the extended PAN ID as hex."""
        return parse_extpanid(await self._run("extpanid"))

    async def networkname(self) -> str:
        """Return the network name."""
        return parse_networkname(await self._run("networkname"))

    async def pskc(self) -> str:
        """Return the PSKc as hex."""
        return parse_pskc(await self._run("pskc"))

    # Datasets and the interface.

    async def active_dataset_hex(self) -> str | None:
        """Return the active operational dataset as hex TLVs, or None if there is none."""
        try:
            return parse_dataset_hex(await self._run("dataset active -x"))
        except OtCliError as exc:
            if exc.code == OtErrorCode.NOT_FOUND:
                return None
            raise

    async def set_active_dataset(self, tlvs: str | bytes) -> None:
        """Replace the active dataset with these TLVs (`dataset set active <hex>`)."""
        text = tlvs.hex() if isinstance(tlvs, bytes) else tlvs
        if _HEX.match(text) is None:
            raise ValueError("the dataset must be a non-empty, even-length hex string")
        await self._run("dataset set active", text.lower())

    async def dataset_init_new(self) -> None:
        """Fill the dataset buffer with a new random network."""
        await self._run("dataset init new")

    async def dataset_commit_active(self) -> None:
        """Commit the dataset buffer as the active dataset."""
        await self._run("dataset commit active")

    async def ifconfig(self) -> bool:
        """Return True if the Thread interface is up."""
        return parse_ifconfig(await self._run("ifconfig"))

    async def ifconfig_up(self) -> None:
        """Bring the Thread interface up."""
        await self._run("ifconfig up")

    async def ifconfig_down(self) -> None:
        """Bring the Thread interface down."""
        await self._run("ifconfig down")

    async def thread_start(self) -> None:
        """Start Thread (attach or form)."""
        await self._run("thread start")

    async def thread_stop(self) -> None:
        """Stop Thread."""
        await self._run("thread stop")

    async def netdata(self) -> NetworkData:
        """Return the network data."""
        return parse_netdata(await self._run("netdata show"))

    # Scans (about 5 s each on all channels).

    async def scan(self, channel: int | None = None) -> list[ScanResult]:
        """Scan for beacons on all channels or one."""
        args = () if channel is None else (channel,)
        return parse_scan(await self._run("scan", *args))

    async def discover(self, channel: int | None = None) -> list[DiscoverResult]:
        """Run an MLE discovery scan on all channels or one."""
        args = () if channel is None else (channel,)
        return parse_discover(await self._run("discover", *args))

    async def energy_scan(self, duration_ms: int | None = None) -> list[EnergyScanResult]:
        """Measure the energy on each channel."""
        args = () if duration_ms is None else (duration_ms,)
        return parse_energy_scan(await self._run("scan energy", *args))

    # Commissioner.

    async def commissioner_start(self) -> None:
        """Petition to become commissioner; `Commissioner: active` follows as an event."""
        await self._run("commissioner start")

    async def commissioner_stop(self) -> None:
        """Stop being commissioner."""
        await self._run("commissioner stop")

    async def commissioner_state(self) -> CommissionerState:
        """Return the commissioner state."""
        return parse_commissioner_state(await self._run("commissioner state"))

    async def commissioner_session_id(self) -> int:
        """Return the commissioner session ID (0 before the first petition)."""
        return parse_uint(await self._run("commissioner sessionid"), "commissioner sessionid")

    async def commissioner_joiner_add(
        self,
        joiner: str | Discerner,
        pskd: str,
        timeout: int | None = None,  # noqa: ASYNC109 - the entry's lifetime, a CLI argument
    ) -> None:
        """Allow a joiner (`*`, an EUI-64 or a discerner) with this PSKd, for `timeout` s."""
        args: list[str | int] = [joiner_arg(joiner), pskd]
        if timeout is not None:
            if timeout <= 0:
                raise ValueError(f"joiner timeout must be positive, not {timeout}")
            args.append(int(timeout))
        await self._run("commissioner joiner add", *args)

    async def commissioner_joiner_remove(self, joiner: str | Discerner) -> None:
        """Remove a joiner entry (`*`, an EUI-64 or a discerner)."""
        await self._run("commissioner joiner remove", joiner_arg(joiner))

    async def commissioner_joiner_table(self) -> list[JoinerEntry]:
        """Return the commissioner's joiner entries."""
        return parse_joiner_table(await self._run("commissioner joiner table"))

    # Joiner.

    async def joiner_start(self, pskd: str) -> None:
        """Start joining with this PSKd; `Join success|failed` follows as an event."""
        await self._run("joiner start", pskd)

    async def joiner_stop(self) -> None:
        """Stop joining."""
        await self._run("joiner stop")

    async def joiner_state(self) -> JoinerState:
        """Return the joiner state."""
        return parse_joiner_state(await self._run("joiner state"))

    async def joiner_id(self) -> str:
        """Return this node's joiner ID as hex."""
        return parse_joiner_id(await self._run("joiner id"))

    # Backbone and border routing.

    async def bbr_state(self) -> BbrState:
        """Return the backbone router state."""
        return parse_bbr_state(await self._run("bbr state"))

    async def bbr(self) -> BbrPrimary | None:
        """Return the primary backbone router, or None."""
        return parse_bbr(await self._run("bbr"))

    async def bbr_config(self) -> BbrConfig:
        """Return this node's backbone router configuration."""
        return parse_bbr_config(await self._run("bbr config"))

    async def bbr_enable(self) -> None:
        """Enable the backbone router function."""
        await self._run("bbr enable")

    async def bbr_disable(self) -> None:
        """Disable the backbone router function."""
        await self._run("bbr disable")

    async def br_state(self) -> BorderRoutingState:
        """Return the border routing state (otbr-agent)."""
        return parse_br_state(await self._run("br state"))

    async def br_omrprefix(self) -> OmrPrefixes:
        """Return the local and favoured OMR prefixes (otbr-agent)."""
        return parse_br_omrprefix(await self._run("br omrprefix"))
