"""Every network setting as one value: read, stored within a transaction, then used."""

from __future__ import annotations

from dataclasses import dataclass

from s20.store import Transaction

from ._config import EthConfig, WifiNetwork
from ._service import NetworkService
from ._store import ETH_KEY, NetworkStore
from ._wifi import WifiState

__all__ = ["NetworkSettings"]


@dataclass(frozen=True)
class NetworkSettings:
    """The Ethernet, the Wi-Fi network in use (on or off) and the saved networks."""

    eth: EthConfig
    wifi: WifiNetwork | None
    wifi_on: bool
    saved: tuple[WifiNetwork, ...]

    @classmethod
    def read(cls, store: NetworkStore) -> NetworkSettings:
        """Return what `store` holds."""
        wifi, wifi_on = store.wifi()
        return cls(store.eth(), wifi, wifi_on, tuple(store.saved()))

    def store_in(self, tx: Transaction, now: int) -> None:
        """Store every setting within `tx`; the saved networks replace those saved, in order."""
        tx.put(ETH_KEY, self.eth.to_json())
        NetworkStore.put_wifi_in(tx, self.wifi, self.wifi_on)
        tx.conn.execute("DELETE FROM saved_wifi")
        for network in self.saved:
            NetworkStore.save_in(tx, network, now)

    async def apply(self, service: NetworkService) -> None:
        """Bring the running `service` to these settings (stored already).

        The Wi-Fi reconnects only when its network changed or it is not up, so applying
        settings that leave it as it is does not drop the link.
        """
        await service.set_eth_config(self.eth.ip)
        station = service.station
        if not self.wifi_on or self.wifi is None:
            await service.wifi_stop()
        elif station.network != self.wifi or station.state not in (
            WifiState.CONNECTING,
            WifiState.CONNECTED,
        ):
            await station.connect(self.wifi, save=False)
