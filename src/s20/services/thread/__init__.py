"""The Thread border router service: network, commissioner, joiner table, joining."""

from ._commissioner import JoinerManager
from ._config import ConfigChange, ThreadConfig, checked
from ._join import JoinRequest
from ._joiners import JoinerEntry, JoinerStatus
from ._service import ThreadService

__all__ = [
    "ConfigChange",
    "JoinRequest",
    "JoinerEntry",
    "JoinerManager",
    "JoinerStatus",
    "ThreadConfig",
    "ThreadService",
    "checked",
]
