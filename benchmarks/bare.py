"""The yardstick: a bare FastAPI endpoint that checks a token header and returns small JSON.

`make bench` serves it with uvicorn (uvloop, httptools), as `s20d` is served, and
reports each s20 call's rate as a ratio to this one's, taken in the same run.
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated, Any

from fastapi import FastAPI, Header

__all__ = ["TOKEN", "app"]

TOKEN = os.environ.get("BARE_TOKEN", "bench-token")

app = FastAPI()


@app.get("/status")
async def status(token: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Answer a small JSON object to the right token, an error envelope to any other."""
    if token is None or not hmac.compare_digest(token.encode(), TOKEN.encode()):
        return {"code": -1, "err_msg": "login required"}
    return {"code": 0, "result": {"State": 4, "Rloc16": 1024}}
