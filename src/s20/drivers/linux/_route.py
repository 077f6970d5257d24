"""The failover engine's choice as route metrics on s20d's NetworkManager profiles."""

from __future__ import annotations

import logging

from s20.drivers.network import Interface

from ._bus import BusError, Variant
from ._nm import DEVICE, DeviceState, NetworkManager, owned, unpacked

__all__ = ["PREFERRED_METRIC", "STANDBY_METRIC", "LinuxRoutes", "Metrics"]

log = logging.getLogger(__name__)

# NetworkManager's own defaults are 100 (Ethernet) and 600 (Wi-Fi); the WAN goes below both.
PREFERRED_METRIC = 50
STANDBY_METRIC = 700


class Metrics:
    """The route metric each interface's profile gets (None: NetworkManager's default)."""

    def __init__(self) -> None:
        self.preferred: Interface | None = None

    def metric(self, iface: Interface) -> int | None:
        if self.preferred is None:
            return None
        return PREFERRED_METRIC if iface == self.preferred else STANDBY_METRIC


class LinuxRoutes:
    """Give the WAN's active profile the lower `ipv4.route-metric`, applied with `Reapply`."""

    def __init__(self, nm: NetworkManager, ifaces: dict[Interface, str], metrics: Metrics) -> None:
        self._nm = nm
        self._ifaces = ifaces
        self._metrics = metrics

    @property
    def preferred(self) -> Interface | None:
        return self._metrics.preferred

    async def prefer(self, iface: Interface | None) -> None:
        self._metrics.preferred = iface
        for name, device_iface in self._ifaces.items():
            metric = self._metrics.metric(name)
            try:
                await self._apply(device_iface, metric)
            except BusError as exc:
                log.warning("routes: cannot set the metric of %s: %s", device_iface, exc)

    async def _apply(self, iface: str, metric: int | None) -> None:
        device = await self._nm.device(iface)
        if (await self._nm.state(device))[0] != DeviceState.ACTIVATED:
            return
        # The applied connection, changed and reapplied: the stored profile (and its
        # secrets) stays as it is; the drivers write the metric into it when they save.
        applied, version = await self._nm.call(device, DEVICE, "GetAppliedConnection", "u", 0)
        if not owned(unpacked(applied)):
            return  # a profile a person made keeps the metric they chose
        value = -1 if metric is None else metric  # -1: NetworkManager's default
        applied.setdefault("ipv4", {})["route-metric"] = Variant("x", value)
        await self._nm.call(device, DEVICE, "Reapply", "a{sa{sv}}tu", applied, version, 0)
        log.info("routes: %s route metric %d", iface, value)
