"""`/docs`: Swagger UI from the `swagger_ui_bundle` package, never from a CDN."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi.openapi.docs import get_swagger_ui_html
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from ._static import SecureFiles, security_headers

__all__ = ["docs_routes"]

_ASSETS = "/docs/assets"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _csp(html: str) -> str:
    # Swagger UI's page starts it with one inline script: allowed by its hash, nothing else.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


def docs_routes(openapi_url: str, title: str) -> list[BaseRoute]:
    """Return `/docs` and its assets, for the OpenAPI document at `openapi_url`."""
    html = bytes(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{_ASSETS}/favicon-32x32.png",
        ).body
    ).decode()
    csp = _csp(html)

    async def docs(_request: Request) -> Response:
        return HTMLResponse(html, headers=security_headers(csp))

    return [
        Route("/docs", docs, methods=["GET", "HEAD"], include_in_schema=False),
        Mount(_ASSETS, app=SecureFiles(directory=Path(str(swagger_ui_path)), csp=csp)),
    ]
