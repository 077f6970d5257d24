"""The OpenThread Border Router REST API (otbr-agent's, port 8081), for Home Assistant.

A second small ASGI app beside the S20 API, over the same Thread service: a dataset
set here shows in `/otbr/get_status`, and `/otbr/set_config` shows here.
"""

from ._app import OtbrRestApp, create_otbr_rest_app
from ._cjson import cjson
from ._routes import Request

__all__ = ["OtbrRestApp", "Request", "cjson", "create_otbr_rest_app"]
