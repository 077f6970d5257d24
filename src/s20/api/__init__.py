"""HTTP layer: routes per group, request models, the envelope and the Token check."""

from ._app import create_app
from .ui import OPEN_PATHS

__all__ = ["OPEN_PATHS", "create_app"]
