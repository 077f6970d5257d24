"""WAN failover: the configuration and the probe engine that picks the WAN."""

from ._config import MAX_CHECK_ADDRESSES, CheckChange, FailoverConfig, IfaceCheck
from ._engine import PING_TIMEOUT, FailoverEngine, WanStatus
from ._transfer import store_failover_in, stored_failover, use_failover

__all__ = [
    "MAX_CHECK_ADDRESSES",
    "PING_TIMEOUT",
    "CheckChange",
    "FailoverConfig",
    "FailoverEngine",
    "IfaceCheck",
    "WanStatus",
    "store_failover_in",
    "stored_failover",
    "use_failover",
]
