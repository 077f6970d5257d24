"""`/otbr/scan`: discover the Thread networks in range."""

from __future__ import annotations

from typing import Any

from s20.errors import Busy
from s20.otcli import DeviceRole, Radio

from ._failures import radio_errors

__all__ = ["Scanner"]


class Scanner:
    """Runs one discover scan at a time (about 5 s); a second caller gets -32011."""

    def __init__(self, radio: Radio) -> None:
        self._radio = radio
        self._running = False

    async def scan(self) -> list[dict[str, Any]]:
        """Return the networks in range as `ScanList` entries."""
        if self._running:
            raise Busy("a scan is already running")
        self._running = True
        try:
            with radio_errors("scan"):
                was_up = await self._radio.ifconfig()
                if not was_up:
                    await self._radio.ifconfig_up()
                try:
                    found = await self._radio.discover()
                finally:
                    if not was_up and await self._radio.state() == DeviceRole.DISABLED:
                        await self._radio.ifconfig_down()
        finally:
            self._running = False
        return [
            {
                "Channel": n.channel,
                "Rssi": n.rssi,
                "Lqi": n.lqi,
                "NetworkName": n.network_name,
                "ExtPanId": n.extended_panid.lower(),
                "PanId": n.panid,
            }
            for n in found
        ]
