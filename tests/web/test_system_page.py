"""The System page against the real s20d: time, firmware, log, configuration, password,
restart and factory reset."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from s20.client import S20Client
from tests.api.file_server import CA
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d
from tests.web.browser import DESKTOP, assert_accessible, init_device, log_in, screenshot

pytestmark = pytest.mark.e2e


def open_system(panel: Page) -> None:
    panel.get_by_role("link", name="System").click()
    expect(panel.get_by_role("heading", name="System", level=1)).to_be_visible()


def test_time_bad_then_good(panel: Page, client: S20Client) -> None:
    before = client.time_config()
    open_system(panel)
    time = panel.get_by_role("form", name="Time")
    time.get_by_label("Time server (SNTP)").fill("not a host!")
    time.get_by_role("button", name="Save").click()
    expect(time.locator("[data-field=sntp] .error")).to_contain_text("sntp")
    assert client.time_config()["sntp"] == before["sntp"]

    time.get_by_label("Time server (SNTP)").fill("time.example.org")
    time.get_by_label("Time zone").select_option("8")
    time.get_by_role("button", name="Save").click()
    expect(time.get_by_role("status")).to_have_text("Saved.")
    after = client.time_config()
    assert (after["sntp"], after["timezone"]) == ("time.example.org", 8)


def test_log_follow_config_export_import_and_password(
    panel: Page, client: S20Client, tmp_path: Path
) -> None:
    open_system(panel)
    expect(panel.get_by_test_id("log")).to_contain_text("started")
    panel.get_by_label("Follow the log").check()
    client.set_time_config(sntp="follow.example.org")
    expect(panel.get_by_test_id("log")).to_contain_text("follow.example.org", timeout=10000)
    assert_accessible(panel)
    screenshot(panel, "system")

    with panel.expect_download() as info:
        panel.get_by_role("button", name="Export the configuration").click()
    exported = json.loads(info.value.path().read_text())
    assert exported == client.export_config()

    imports = panel.get_by_role("form", name="Import a configuration")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**exported, "otbr_cfg": {**exported["otbr_cfg"], "channel": 99}}))
    imports.get_by_label("Configuration file (JSON)").set_input_files(bad)
    imports.get_by_role("button", name="Import a configuration").click()
    expect(imports.locator(".form-error")).to_contain_text("otbr_cfg.channel")
    assert client.export_config() == exported

    good = tmp_path / "good.json"
    good.write_text(
        json.dumps({**exported, "sntp_cfg": {**exported["sntp_cfg"], "time_zone": "UTC-5"}})
    )
    imports.get_by_label("Configuration file (JSON)").set_input_files(good)
    imports.get_by_role("button", name="Import a configuration").click()
    expect(imports.get_by_role("status")).to_have_text("Imported and applied.")
    assert client.time_config()["timezone"] == -5

    certificate = panel.get_by_role("form", name="Upload a certificate")
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("hello")
    certificate.get_by_label("Certificate file (PEM)").set_input_files(not_pem)
    certificate.get_by_role("button", name="Upload").click()
    expect(certificate.locator("[data-field=file] .error")).to_have_text(
        "file must be X.509 certificates in PEM"
    )
    pem = tmp_path / "ca.pem"
    pem.write_bytes(CA().pem)
    certificate.get_by_label("Certificate file (PEM)").set_input_files(pem)
    certificate.get_by_role("button", name="Upload").click()
    expect(certificate.get_by_role("status")).to_have_text("Saved.")
    expect(certificate.locator("[data-field=file] .error")).to_be_hidden()

    password = panel.get_by_role("form", name="Administrator password")
    password.get_by_label("Current password").fill("not-the-password")
    password.get_by_label("New password").fill(PASSWORD)
    password.get_by_label("Repeat the password").fill(PASSWORD)
    password.get_by_role("button", name="Save").click()
    expect(password.locator("[data-field=old_pwd] .error")).to_have_text("Wrong password.")


def test_firmware_upgrade_shows_progress_then_restarts(panel: Page, client: S20Client) -> None:
    old = client.current_firmware()["current_firmware_version"]
    open_system(panel)
    panel.get_by_role("button", name="Check for new firmware").click()
    install = panel.get_by_role("button", name=re.compile("^Install "))
    expect(install).to_have_count(1, timeout=10000)
    install.click()
    panel.get_by_role("dialog").get_by_role("button", name="Install").click()
    expect(panel.get_by_test_id("upgrade-state")).to_have_text(
        "Installed. The device restarts now.", timeout=20000
    )
    # The device restarts into the new firmware; the panel starts afresh at its login.
    expect(panel.get_by_role("heading", name="Log in")).to_be_visible(timeout=20000)
    log_in(panel, panel.url.split("#")[0].rstrip("/"))
    open_system(panel)
    expect(panel.get_by_test_id("firmware")).not_to_have_text(re.compile(re.escape(old) + "$"))


def test_restart_and_factory_reset_ask_first(browser: Browser, tmp_path: Path) -> None:
    with running_s20d(tmp_path / "state") as url:
        init_device(url)
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        log_in(page, url)
        open_system(page)
        page.get_by_role("button", name="Factory reset").click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text("Erase every setting")
        dialog.get_by_role("button", name="Cancel").click()
        assert httpx.get(url + "/ui/check_initialized").json()["result"]["initialized"]

        page.get_by_role("button", name="Restart").click()
        page.get_by_role("dialog").get_by_role("button", name="Restart").click()
        expect(page.get_by_role("heading", name="Log in")).to_be_visible(timeout=20000)
        log_in(page, url)
        open_system(page)
        page.get_by_role("button", name="Factory reset").click()
        page.get_by_role("dialog").get_by_role("button", name="Factory reset").click()
        expect(page.get_by_role("heading", name="Set up the device")).to_be_visible(timeout=20000)
        assert not httpx.get(url + "/ui/check_initialized").json()["result"]["initialized"]
        context.close()
