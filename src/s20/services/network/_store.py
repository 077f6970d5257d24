"""Where the network configuration lives in the database (the `network.*` keys, saved_wifi)."""

from __future__ import annotations

import json

from s20.store import Database, Transaction

from ._config import EthConfig, WifiNetwork

__all__ = ["NetworkStore"]

ETH_KEY = "network.eth"
WIFI_KEY = "network.wifi"
RECONNECT_KEY = "network.reconnect_to_saved"


class NetworkStore:
    """Typed reads and writes of the network settings, each write one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def eth(self) -> EthConfig:
        """Return the Ethernet configuration."""
        return EthConfig.from_json(self.db.get(ETH_KEY))

    def put_eth(self, config: EthConfig) -> None:
        """Store the Ethernet configuration."""
        self.db.put(ETH_KEY, config.to_json())

    def wifi(self) -> tuple[WifiNetwork | None, bool]:
        """Return the Wi-Fi network last started, and whether Wi-Fi is to be connected."""
        data = self.db.get(WIFI_KEY)
        if not data:
            return None, False
        network = WifiNetwork.from_json(data["network"]) if data["network"] else None
        return network, bool(data["enabled"])

    def put_wifi(self, network: WifiNetwork | None, enabled: bool) -> None:
        """Store the Wi-Fi network in use and whether it is to be connected."""
        with self.db.transaction() as tx:
            self.put_wifi_in(tx, network, enabled)

    @staticmethod
    def put_wifi_in(tx: Transaction, network: WifiNetwork | None, enabled: bool) -> None:
        """Store the Wi-Fi network in use and whether it is to be connected, within `tx`."""
        data = {"network": network.to_json() if network else None, "enabled": enabled}
        tx.put(WIFI_KEY, data)

    def reconnect(self) -> bool:
        """Return whether a lost or failed link moves to a saved network."""
        return bool(self.db.get(RECONNECT_KEY, False))

    def put_reconnect(self, enable: bool) -> None:
        """Turn moving to a saved network on or off."""
        self.db.put(RECONNECT_KEY, enable)

    def saved(self) -> list[WifiNetwork]:
        """Return the saved networks, oldest first."""
        with self.db.transaction() as tx:
            return self.saved_in(tx)

    @staticmethod
    def saved_in(tx: Transaction) -> list[WifiNetwork]:
        """Return the saved networks as `tx` sees them."""
        rows = tx.conn.execute("SELECT settings FROM saved_wifi ORDER BY saved_at, rowid")
        return [WifiNetwork.from_json(json.loads(row[0])) for row in rows]

    @staticmethod
    def save_in(tx: Transaction, network: WifiNetwork, now: int) -> None:
        """Save `network`, replacing the entry with its SSID and auth mode (keeping its age)."""
        tx.conn.execute(
            "INSERT INTO saved_wifi (ssid, auth_mode, settings, saved_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (ssid, auth_mode) DO UPDATE SET settings = excluded.settings",
            (network.ssid, network.auth_mode, json.dumps(network.to_json()), now),
        )

    def delete_saved(self, ssid: str, auth_mode: int) -> bool:
        """Forget a saved network; return whether it was saved."""
        with self.db.transaction() as tx:
            cursor = tx.conn.execute(
                "DELETE FROM saved_wifi WHERE ssid = ? AND auth_mode = ?", (ssid, auth_mode)
            )
            return cursor.rowcount > 0
