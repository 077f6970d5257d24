"""Fixtures of the browser tests: one Chromium and one initialized s20d per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from s20.client import S20Client
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d
from tests.web.browser import DESKTOP, chromium, init_device, log_in

# The panel polls every 2-3 s; on a busy 2-core machine one poll can take a few seconds.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per module, each test in its own context.

    Not per session: while sync Playwright runs, its event loop is the thread's running
    loop, and the asyncio tests that pytest runs next in this process could not start.
    """
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def device_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An initialized s20d whose simulated radio runs 100 times faster."""
    with running_s20d(tmp_path_factory.mktemp("web"), "--sim-speed", "100") as base:
        init_device(base)
        yield base


@pytest.fixture
def client(device_url: str) -> Iterator[S20Client]:
    """The s20 client, logged in: what the test checks behind the panel's back."""
    with S20Client(device_url) as s20:
        s20.login(PASSWORD)
        yield s20


@pytest.fixture
def panel(browser: Browser, device_url: str) -> Iterator[Page]:
    """A fresh browser context, logged in to the panel."""
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    page = context.new_page()
    log_in(page, device_url)
    yield page
    context.close()
