"""The admin panel: static files served at `/`, built on the public API only; and `/docs`."""

from __future__ import annotations

from ._docs import docs_routes
from ._static import PANEL_CSP, STATIC_DIR, panel_routes

__all__ = ["PANEL_CSP", "STATIC_DIR", "docs_routes", "panel_routes"]
