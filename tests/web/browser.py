"""Debian's headless Chromium under Playwright, a logged-in page, and screenshots."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect, sync_playwright

from s20.client import S20Client
from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


def need_chromium() -> None:
    """Skip without Debian's chromium; in CI (`CI` set) its absence is a failure."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Run one headless Chromium for the block."""
    need_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def init_device(url: str, lang: str = "en") -> None:
    """Set the first password over the API, as the first-run page would."""
    with S20Client(url) as s20:
        s20.set_init(PASSWORD, lang=lang)


def log_in(page: Page, url: str, password: str = PASSWORD) -> None:
    """Open the panel and log in through its form; wait for the overview."""
    page.goto(url + "/")
    page.get_by_label(re.compile("^(Password|密码)$")).fill(password)
    page.get_by_role("button", name=re.compile("^(Log in|登录)$")).click()
    expect(page.locator("nav")).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    """Save the page at desktop and at phone width into `.screenshots/`."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    if size is not None:
        page.set_viewport_size(size)


def session_token(page: Page) -> list[str]:
    """Collect the `Token` header of the page's API requests, newest last."""
    tokens: list[str] = []
    page.on(
        "request",
        lambda request: (
            tokens.append(request.headers["token"]) if "token" in request.headers else None
        ),
    )
    return tokens


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical axe-core violation of the page as it stands."""
    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, bad


def refresh_now(page: Page) -> None:
    """Make the page's live parts refresh at once, as they do when its tab comes to front."""
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


def expect_live(page: Page, locator: Locator, text: str, seconds: float = 15.0) -> None:
    """Refresh the page's live parts until `locator` shows `text`, for `seconds` at most."""
    deadline = time.monotonic() + seconds
    while True:
        refresh_now(page)
        try:
            expect(locator).to_have_text(text, timeout=300)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
        else:
            return
