"""The Thread page against the real s20d: settings, start, scan and join, the dataset."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from s20.client import S20Client
from tests.web.browser import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


def test_a_bad_setting_is_shown_at_its_field_and_changes_nothing(
    panel: Page, client: S20Client
) -> None:
    before = client.thread_status()["Network"]
    panel.get_by_role("link", name="Thread").click()
    expect(panel.get_by_role("heading", name="Thread", level=1)).to_be_visible()
    settings = panel.get_by_role("form", name="Network settings")
    settings.get_by_label("Network name", exact=True).fill("Panel-Net")
    settings.get_by_label("PAN ID", exact=True).fill("0xffff")
    settings.get_by_role("button", name="Save").click()
    error = settings.locator("[data-field=PanId] .error")
    expect(error).to_contain_text("PanId")
    expect(settings.get_by_label("PAN ID", exact=True)).to_have_attribute("aria-invalid", "true")
    assert client.thread_status()["Network"] == before

    settings.get_by_label("PAN ID", exact=True).fill("0x1234")
    settings.get_by_label("Channel").select_option("15")
    settings.get_by_role("button", name="Save").click()
    expect(settings.get_by_role("status")).to_have_text("Saved.")
    expect(error).to_be_hidden()
    after = client.thread_status()["Network"]
    assert (after["NetworkName"], after["Channel"], after["PanId"]) == ("Panel-Net", 15, "0x1234")
    assert after["NetworkKey"] == before["NetworkKey"]
    expect(panel.get_by_test_id("network-name")).to_have_text("Panel-Net")


def test_start_scan_and_join_a_network_by_pskd(panel: Page, client: S20Client) -> None:
    panel.goto(panel.url.split("#")[0] + "#/thread")
    expect(panel.get_by_test_id("network-key")).to_have_text("••••••••")
    expect(panel.get_by_test_id("passphrase")).to_have_text("••••••••")
    panel.get_by_role("button", name="Show network key and passphrase").click()
    key = client.thread_status()["Network"]["NetworkKey"]
    expect(panel.get_by_test_id("network-key")).to_have_text(key)
    expect(panel.get_by_test_id("passphrase")).to_have_text(
        client.thread_status()["Network"]["Passphrase"]
    )
    expect(panel.get_by_label("Dataset (hex TLVs)")).to_have_value(
        client.thread_status()["Network"]["ActiveDataset"]
    )
    panel.get_by_role("button", name="Start Thread").click()
    expect(panel.get_by_test_id("thread-role")).to_have_text("Leader", timeout=15000)
    assert client.thread_status()["RCP"]["State"] == 4
    assert_accessible(panel)
    screenshot(panel, "thread")

    panel.get_by_role("button", name="Scan for Thread networks").click()
    rows = panel.get_by_role("table", name="Thread networks in range").locator("tbody tr")
    expect(rows.filter(has_text="Office-Mesh")).to_have_count(1, timeout=15000)
    panel.get_by_role("button", name="Join Office-Mesh").click()
    join = panel.get_by_role("form", name="Join Office-Mesh")
    join.get_by_label("PSKd").fill("0ff1ce")
    join.get_by_role("button", name="Join").click()
    expect(join.locator("[data-field=PSKd] .error")).to_contain_text("PSKd")
    join.get_by_label("PSKd").fill("0FF1CE")
    join.get_by_role("button", name="Join").click()
    expect(panel.get_by_test_id("join-state")).to_have_text("Joined", timeout=20000)
    expect(panel.get_by_role("progressbar", name="Join progress")).to_have_attribute("value", "5")
    expect(panel.get_by_test_id("network-name")).to_have_text("Office-Mesh", timeout=15000)
    assert client.thread_status()["Network"]["NetworkName"] == "Office-Mesh"
    assert re.fullmatch(r"[0-9a-f]+", client.thread_status()["Network"]["ActiveDataset"])
