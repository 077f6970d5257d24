"""The panel's files and /docs: content types, caching, CSP, and nothing from another host."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import httpx2 as httpx

from s20.web import STATIC_DIR
from tests.conftest import call


async def test_panel_page_has_strict_csp_and_revalidates(api: httpx.AsyncClient) -> None:
    r = await api.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "no-cache"
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self';" in csp
    assert "connect-src 'self'" in csp
    assert "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert '<script type="module" src="/web/js/app.js">' in r.text


async def test_every_panel_file_is_served_with_its_type(api: httpx.AsyncClient) -> None:
    types = {
        ".js": "text/javascript",
        ".css": "text/css",
        ".html": "text/html",
        ".svg": "image/svg",
    }
    files = [p for p in STATIC_DIR.rglob("*") if p.is_file()]
    assert len(files) > 10
    for path in files:
        r = await api.get("/web/" + path.relative_to(STATIC_DIR).as_posix())
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith(types[path.suffix]), path
        assert r.content == path.read_bytes()
        assert "content-security-policy" in r.headers
        assert r.headers["cache-control"] == "no-cache"


async def test_a_revalidation_answers_304(api: httpx.AsyncClient) -> None:
    first = await api.get("/web/js/app.js")
    again = await api.get("/web/js/app.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


async def test_panel_files_name_no_other_host(api: httpx.AsyncClient) -> None:
    for path in STATIC_DIR.rglob("*"):
        if path.suffix in {".js", ".css", ".html"}:
            assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", path.read_text()), path


async def test_unknown_panel_file_is_the_api_404(api: httpx.AsyncClient) -> None:
    r = await api.get("/web/js/nope.js")
    assert r.status_code == 404
    assert r.json()["code"] == -32601
    # The API keeps its own 404 beside the panel.
    assert (await call(api, "GET", "/otbr/nope"))["code"] == -32601


async def test_docs_load_swagger_ui_from_the_device(api: httpx.AsyncClient) -> None:
    r = await api.get("/docs")
    assert r.status_code == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert refs, r.text
    assert all(ref.startswith("/docs/assets/") for ref in refs), refs
    assert not re.search(r"https?://", r.text)
    for ref in refs:
        asset = await api.get(ref)
        assert asset.status_code == 200, ref
        assert len(asset.content) > 500, ref
    assert (await api.get("/redoc")).status_code == 404
    csp = r.headers["content-security-policy"]
    assert re.search(r"script-src 'self' 'sha256-[A-Za-z0-9+/=]+';", csp), csp


def test_every_panel_file_is_package_data() -> None:
    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text())
    globs = config["tool"]["setuptools"]["package-data"]["s20"]
    package = root / "src" / "s20"
    for path in STATIC_DIR.rglob("*"):
        if path.is_file():
            name = path.relative_to(package).as_posix()
            assert any(
                fnmatch.fnmatch(name, g) and name.count("/") == g.count("/") for g in globs
            ), name
