"""WAN failover: the configuration and the probe engine that picks the WAN."""

from ._config import (
    CHECK_RANGES,
    MAX_CHECK_ADDRESSES,
    PRIORITY_MAX,
    PRIORITY_MIN,
    CheckChange,
    FailoverConfig,
    IfaceCheck,
)
from ._engine import PING_TIMEOUT, FailoverEngine, WanStatus
from ._transfer import store_failover_in, stored_failover, use_failover

__all__ = [
    "CHECK_RANGES",
    "MAX_CHECK_ADDRESSES",
    "PING_TIMEOUT",
    "PRIORITY_MAX",
    "PRIORITY_MIN",
    "CheckChange",
    "FailoverConfig",
    "FailoverEngine",
    "IfaceCheck",
    "WanStatus",
    "store_failover_in",
    "stored_failover",
    "use_failover",
]
