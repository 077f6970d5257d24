"""The wired interface through NetworkManager: carrier, address, and s20d's `s20-eth` profile."""

from __future__ import annotations

import logging

from s20.drivers.network import EthernetStatus, IpConfig
from s20.errors import OperationFailed

from ._bus import BusError, Variant
from ._nm import DEVICE, NM, NetworkManager, connection_setting, holds, ipv4_settings
from ._route import Metrics

__all__ = ["LinuxEthernet"]

log = logging.getLogger(__name__)

PROFILE = "eth"


class LinuxEthernet:
    """Ethernet `iface` as NetworkManager runs it.

    `apply` stores the IPv4 method in the `s20-eth` profile (autoconnect on, so
    NetworkManager brings it up whenever the cable is plugged in) and activates it now
    when there is a carrier, unless that profile is in use with these settings already
    (as at each start of s20d).
    """

    def __init__(self, nm: NetworkManager, iface: str, metrics: Metrics) -> None:
        self._nm = nm
        self.iface = iface
        self._metrics = metrics

    async def status(self) -> EthernetStatus:
        try:
            device = await self._nm.device(self.iface)
            plugged = bool(await self._nm.prop(device, f"{DEVICE}.Wired", "Carrier"))
            return EthernetStatus(plugged, await self._nm.address(device) if plugged else None)
        except BusError as exc:
            # A USB adapter pulled out, NetworkManager restarting: no cable, for now.
            log.warning("ethernet: %s: %s", self.iface, exc)
            return EthernetStatus(False, None)

    async def apply(self, config: IpConfig) -> None:
        settings = {
            **connection_setting(PROFILE, "802-3-ethernet", self.iface, autoconnect=True),
            "ipv4": ipv4_settings(config, self._metrics.metric("eth")),
            "ipv6": {"method": Variant("s", "auto")},
        }
        try:
            device = await self._nm.device(self.iface)
            before = await self._nm.profile(PROFILE)
            profile = await self._nm.save(PROFILE, settings)
            unchanged = before is not None and holds(before.settings, "ipv4", settings["ipv4"])
            if unchanged and await self._nm.active_profile(device) == profile:
                return  # in use as it is: reactivating would only drop the link a moment
            if await self._nm.prop(device, f"{DEVICE}.Wired", "Carrier"):
                await self._nm.activate(profile, device)
        except BusError as exc:
            raise OperationFailed(f"NetworkManager refused the Ethernet settings: {exc}") from None
        log.info("ethernet: %s on %s through %s", config.protocol, self.iface, NM)
