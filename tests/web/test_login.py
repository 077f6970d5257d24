"""First run, login, logout, an ended session and the lockout, in a real browser."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from s20.client import S20Client
from tests.api.helpers import expected_hash
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d
from tests.web.browser import (
    DESKTOP,
    assert_accessible,
    init_device,
    log_in,
    refresh_now,
    screenshot,
    session_token,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def url(device_url: str) -> str:
    """The module's initialized s20d."""
    return device_url


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """An s20d of its own, not initialized, for a test that changes what others rely on."""
    with running_s20d(tmp_path / "state") as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    yield context.new_page()
    context.close()


def test_first_run_sets_the_password_then_logs_in(page: Page, fresh_url: str) -> None:
    url = fresh_url
    page.goto(url + "/")
    expect(page.get_by_role("heading", name="Set up the device")).to_be_visible()
    form_language = page.locator("main select[name=lang]")
    form_language.select_option("zh-cn")
    expect(page.get_by_role("heading", name="设置设备")).to_be_visible()
    expect(page.get_by_label("语言").first).to_have_value("zh-cn")
    form_language.select_option("en")
    expect(page.get_by_role("heading", name="Set up the device")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "setup")
    page.get_by_label("New password").fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Save and log in").click()
    error = page.locator("[data-field=password] .error")
    expect(error).to_have_text("10 to 32 characters")
    page.get_by_label("New password").fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD + "x")
    page.get_by_role("button", name="Save and log in").click()
    expect(page.locator("[data-field=password2] .error")).to_have_text("The two passwords differ.")
    assert httpx.get(url + "/ui/check_initialized").json()["result"]["initialized"] is False
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Save and log in").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_test_id("thread-role")).to_have_text("Disabled")
    assert httpx.get(url + "/ui/check_initialized").json()["result"]["initialized"] is True
    # The token is in memory only: no cookie, nothing in storage.
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") <= 1
    assert page.evaluate("Object.keys(localStorage)") in ([], ["s20.lang"])


def test_login_overview_and_logout(page: Page, url: str, client: S20Client) -> None:
    tokens = session_token(page)
    log_in(page, url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_text("GL-S20", exact=False).first).to_be_visible()
    expect(page.get_by_test_id("wan-status")).to_have_text("Connected")
    assert_accessible(page)
    screenshot(page, "overview")
    # Live: a change made elsewhere shows without a reload, and every poll carries the token.
    polls = len(tokens)
    client.thread_start()
    for _ in range(150):
        if client.thread_status()["RCP"]["State"] == 4:
            break
        page.wait_for_timeout(100)
    refresh_now(page)
    expect(page.get_by_test_id("thread-role")).to_have_text("Leader", timeout=2000)
    assert len(tokens) > polls
    token = tokens[-1]
    # The device stops answering: the page says so, and stops saying so once it answers.
    page.route("**/sys/get_status", lambda route: route.abort())
    refresh_now(page)
    offline = page.get_by_role("alert").filter(has_text="The device does not answer.")
    expect(offline).to_be_visible()
    page.unroute("**/sys/get_status")
    refresh_now(page)
    expect(offline).to_be_hidden()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    answer = httpx.get(url + "/sys/get_info", headers={"Token": token}).json()
    assert answer["code"] == -1


def test_an_ended_session_brings_back_the_login_form(page: Page, url: str) -> None:
    tokens = session_token(page)
    log_in(page, url)
    expect(page.get_by_test_id("thread-role")).to_be_visible()
    # Revoke the panel's session from outside, as its expiry would: the next poll gets -1.
    httpx.post(url + "/ui/logout", headers={"Token": tokens[-1]})
    refresh_now(page)
    expect(page.get_by_text("Your session has ended. Log in again.")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_focused()
    log_in(page, url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()


def test_wrong_passwords_then_the_lockout_countdown(page: Page, fresh_url: str) -> None:
    init_device(fresh_url)
    page.goto(fresh_url + "/")
    password = page.get_by_label("Password")
    error = page.locator("[data-field=password] .error")
    for _ in range(5):
        password.fill("wrong-password-1")
        page.get_by_role("button", name="Log in").click()
        expect(error).to_have_text("Wrong password.")
        expect(page.get_by_role("button", name="Log in")).to_be_enabled()
    password.fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(error).to_have_text(re.compile(r"Too many failed logins: try again in \d+ s\."))
    seconds = int(re.findall(r"\d+", error.inner_text())[0])
    assert 290 <= seconds <= 300
    expect(page.get_by_role("button", name="Log in")).to_be_disabled()
    screenshot(page, "login-locked")


# Inputs for the hash functions: every length 0..130 (the padding's edges at 55/56/64,
# 119/120/128), UTF-8 of 2, 3 and 4 bytes, and the document's own example.
TEXTS = [
    *("a" * n for n in range(131)),
    *("é" * n for n in (1, 27, 28, 32, 64)),
    "中文密码-goodlife-2026",
    "emoji 🛜🔐 password",
    "root:7b0QkQlj1m7BcE6B0nHCqS+ojXBd9TU4XcTdd6yxfpo=:N2E1NDAwNjIzZGMzY2QxYjQyY2VlZTEx",
]
KEYS = ["ZmVhMjk5", "", "k" * 64, "k" * 65, "密钥", "x" * 200]

HASHES_JS = """async ([texts, keys]) => {
  const { md5Hex, toHex } = await import("/web/js/md5.js");
  const { sha256Bytes, hmacSha256Bytes } = await import("/web/js/sha256.js");
  const { hmacSha256 } = await import("/web/js/login-hash.js");
  const enc = new TextEncoder();
  const out = { md5: [], sha256: [], hmac: [], subtle: [] };
  for (const text of texts) {
    out.md5.push(md5Hex(text));
    out.sha256.push(toHex(sha256Bytes(enc.encode(text))));
    for (const key of keys) {
      out.hmac.push(toHex(hmacSha256Bytes(enc.encode(key), enc.encode(text))));
      if (key) out.subtle.push(toHex(await hmacSha256(key, text)));
    }
  }
  return out;
}"""


def test_md5_sha256_and_hmac_in_js_match_python(page: Page, url: str) -> None:
    page.goto(url + "/")
    assert page.evaluate("Boolean(crypto.subtle)")  # 127.0.0.1 is a secure context
    got = page.evaluate(HASHES_JS, [TEXTS, KEYS])
    assert got["md5"] == [hashlib.md5(t.encode()).hexdigest() for t in TEXTS]  # noqa: S324
    assert got["sha256"] == [hashlib.sha256(t.encode()).hexdigest() for t in TEXTS]
    macs = [
        hmac.new(k.encode(), t.encode(), hashlib.sha256).hexdigest() for t in TEXTS for k in KEYS
    ]
    assert got["hmac"] == macs
    assert got["subtle"] == [
        hmac.new(k.encode(), t.encode(), hashlib.sha256).hexdigest()
        for t in TEXTS
        for k in KEYS
        if k
    ]


@pytest.mark.parametrize("subtle", [True, False], ids=["webcrypto", "js-fallback"])
def test_login_hash_is_the_documents(page: Page, url: str, subtle: bool) -> None:
    page.goto(url + "/")
    password, salt, nonce = "goodlife-2026", "ZmVhMjk5", "N2E1NDAwNjIzZGMzY2QxYjQyY2VlZTEx"
    got = page.evaluate(
        """async ([password, salt, nonce, subtle]) => {
          // Without WebCrypto, as on plain http to a LAN address.
          if (!subtle) Object.defineProperty(crypto, "subtle", { value: undefined });
          const { loginHash } = await import("/web/js/login-hash.js");
          return [Boolean(crypto.subtle), await loginHash(password, salt, nonce)];
        }""",
        [password, salt, nonce, subtle],
    )
    assert got == [subtle, expected_hash(password, salt, nonce)]


def test_the_keyboard_alone_logs_in_and_moves_between_pages(page: Page, url: str) -> None:
    page.goto(url + "/")
    expect(page.get_by_label("Password")).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_label("Language")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None
    assert box["x"] >= 0  # moved into view on focus
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    for _ in range(5):
        if page.evaluate("document.activeElement.textContent") == "System":
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="System", level=1)).to_be_visible()


def test_docs_render_swagger_ui_under_its_csp(page: Page, url: str) -> None:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
    page.goto(url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("GL-S20 HTTP API")
    expect(page.get_by_text("/otbr/get_status", exact=True).first).to_be_visible()
    assert refused == []
    assert outside == []


def test_logging_in_without_webcrypto(page: Page, url: str) -> None:
    # As on plain http to the device's LAN address, where browsers hide crypto.subtle.
    page.add_init_script('Object.defineProperty(crypto, "subtle", { value: undefined })')
    log_in(page, url)
    assert page.evaluate("crypto.subtle") is None
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
