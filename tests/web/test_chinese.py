"""The panel in Simplified Chinese: the language chosen at first run, and switching."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.daemon import running_s20d
from tests.web.browser import DESKTOP, assert_accessible, init_device, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_the_panel_follows_the_language_of_set_init(browser: Browser, tmp_path: Path) -> None:
    with running_s20d(tmp_path / "state") as url:
        init_device(url, lang="zh-cn")
        context = browser.new_context(viewport=DESKTOP, locale="en-US")
        page = context.new_page()
        log_in(page, url)
        expect(page.get_by_role("heading", name="概览", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        expect(page.get_by_role("navigation", name="页面")).to_contain_text("系统")
        expect(page.get_by_test_id("thread-role")).to_have_text("已禁用")
        assert_accessible(page)
        screenshot(page, "overview-zh-cn")

        page.get_by_role("link", name="Thread").click()
        expect(page.get_by_role("button", name="启动 Thread")).to_be_visible()
        settings = page.get_by_role("form", name="网络设置")
        settings.get_by_label("PAN ID", exact=True).fill("0xffff")
        settings.get_by_role("button", name="保存").click()
        expect(settings.locator("[data-field=PanId] .error")).to_contain_text("PanId")
        screenshot(page, "thread-zh-cn")

        page.get_by_label("语言").select_option("en")
        expect(page.get_by_role("heading", name="Thread", level=1)).to_be_visible()
        expect(page.get_by_role("button", name="Start Thread")).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "en"
        # The choice is this browser's: the next visit starts in English.
        page.reload()
        expect(page.get_by_role("heading", name="Log in")).to_be_visible()
        page.get_by_label("Language").select_option("zh-cn")
        expect(page.get_by_role("heading", name="登录")).to_be_visible()
        assert_accessible(page)
        context.close()
