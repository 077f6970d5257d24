"""The Thread border router service: network, commissioner, joiner table, joining."""

from ._commissioner import JoinerManager
from ._config import ConfigChange, ThreadConfig, checked
from ._join import JoinRequest
from ._joiners import JoinerEntry, JoinerStatus
from ._otbr_radio import LeaderData, NodeInfo
from ._service import DatasetChange, ThreadService

__all__ = [
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
