"""The failover configuration stored within another change's transaction, then used."""

from __future__ import annotations

from s20.store import Database, Transaction

from ._config import CheckChange, FailoverConfig
from ._engine import CONFIG_KEY, FailoverEngine

__all__ = ["store_failover_in", "stored_failover", "use_failover"]


def store_failover_in(tx: Transaction, config: FailoverConfig) -> None:
    """Store `config` where the engine reads it, within `tx`."""
    tx.put(CONFIG_KEY, config.to_json())


def stored_failover(db: Database) -> FailoverConfig:
    """Return the stored configuration (the defaults when none is)."""
    return FailoverConfig.from_json(db.get(CONFIG_KEY))


async def use_failover(engine: FailoverEngine, config: FailoverConfig) -> None:
    """Make `engine` probe by `config` from now on; the counts start over."""
    await engine.set_config(
        CheckChange(**config.eth.to_json()),
        CheckChange(**config.wifi.to_json()),
        config.priority_eth,
        config.priority_wifi,
    )
