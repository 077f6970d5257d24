"""Serve the panel's files: exact content types, revalidated caching, a self-only CSP."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

__all__ = ["PANEL_CSP", "STATIC_DIR", "SecureFiles", "panel_routes", "security_headers"]

STATIC_DIR = Path(__file__).parent / "static"

# The panel loads nothing but its own files and talks to nothing but its own device.
PANEL_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)

# Our own table, not the host's mimetypes database: a module script served with another
# type is refused by the browser.
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
    ".map": "application/json",
}


def security_headers(csp: str) -> dict[str, str]:
    """Return the headers every panel or docs file carries, under `csp`."""
    # no-cache: the browser keeps the file but asks (ETag) before using it, so a firmware
    # upgrade never leaves an old module next to a new one.
    return {
        "Cache-Control": "no-cache",
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }


class SecureFiles(StaticFiles):
    """StaticFiles with the panel's content types and security headers on every file."""

    def __init__(self, *, directory: str | os.PathLike[str], csp: str) -> None:
        super().__init__(directory=directory)
        self.csp = csp

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        """Answer one file (or 304) with the exact type and the headers."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        media = _TYPES.get(Path(full_path).suffix)
        if media is not None:
            response.headers["Content-Type"] = media
        response.headers.update(security_headers(self.csp))
        return response


async def _index(_request: Request) -> Response:
    return FileResponse(
        STATIC_DIR / "index.html", media_type=_TYPES[".html"], headers=security_headers(PANEL_CSP)
    )


def panel_routes() -> list[BaseRoute]:
    """Return the routes of the panel: its page at `/`, its files under `/web/`."""
    files = SecureFiles(directory=STATIC_DIR, csp=PANEL_CSP)
    return [
        Route("/", _index, methods=["GET", "HEAD"], include_in_schema=False),
        Mount("/web", app=files, name="web"),
    ]
