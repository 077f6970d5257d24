"""The Thread border router service: network, commissioner, joiner table, joining."""

from ._commissioner import EXPORT_VERSION, REJOIN_TYPES, TIMEOUT_MAX, TIMEOUT_MIN, JoinerManager
from ._config import ConfigChange, ThreadConfig, checked
from ._join import JoinRequest
from ._joiners import MAX_JOINERS, JoinerEntry, JoinerStatus
from ._otbr_radio import LeaderData, NodeInfo
from ._otbr_rest import DatasetChange
from ._service import ThreadService

__all__ = [
    "EXPORT_VERSION",
    "MAX_JOINERS",
    "REJOIN_TYPES",
    "TIMEOUT_MAX",
    "TIMEOUT_MIN",
    "ConfigChange",
    "DatasetChange",
    "JoinRequest",
    "JoinerEntry",
    "JoinerManager",
    "JoinerStatus",
    "LeaderData",
    "NodeInfo",
    "ThreadConfig",
    "ThreadService",
    "checked",
]
