"""The Network page against the real s20d: Ethernet, Wi-Fi, saved networks, failover."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from s20.client import S20Client
from tests.web.browser import assert_accessible, expect_live, screenshot

pytestmark = pytest.mark.e2e


def test_ethernet_static_bad_then_good(panel: Page, client: S20Client) -> None:
    before = client.eth_config()
    panel.get_by_role("link", name="Network").click()
    eth = panel.get_by_role("form", name="Ethernet settings")
    eth.get_by_label("Addressing").select_option("static")
    eth.get_by_label("IP address").fill("192.168.8.300")
    eth.get_by_label("Netmask").fill("255.255.255.0")
    eth.get_by_label("Gateway").fill("192.168.8.1")
    eth.get_by_role("button", name="Save").click()
    expect(eth.locator("[data-field='ipv4.ip'] .error")).to_contain_text("ipv4.ip")
    assert client.eth_config() == before

    eth.get_by_label("IP address").fill("192.168.8.50")
    eth.get_by_role("button", name="Save").click()
    expect(eth.get_by_role("status")).to_have_text("Saved.")
    expect(panel.get_by_test_id("eth-ip")).to_have_text("192.168.8.50")
    assert client.eth_config()["ipv4"]["ip"] == "192.168.8.50"


def test_wifi_scan_connect_and_save(panel: Page, client: S20Client) -> None:
    panel.get_by_role("link", name="Network").click()
    panel.get_by_role("button", name="Scan for Wi-Fi networks").click()
    panel.get_by_role("button", name="Connect to HomeNet", exact=True).click()
    connect = panel.get_by_role("form", name="Connect to HomeNet", exact=True)
    connect.get_by_label("Wi-Fi password").fill("short")
    connect.get_by_role("button", name="Connect").click()
    expect(connect.locator("[data-field=pwd] .error")).to_contain_text("pwd")
    assert client.wifi_status()["status"] == 0

    connect.get_by_label("Wi-Fi password").fill("goodlife-home")
    connect.get_by_role("button", name="Connect").click()
    expect_live(panel, panel.get_by_test_id("wifi-status"), "Connected")
    expect(panel.get_by_test_id("wifi-ssid")).to_have_text("HomeNet")
    saved = panel.get_by_role("table", name="Saved Wi-Fi networks")
    expect(saved).to_contain_text("HomeNet", timeout=10000)
    assert [n["ssid"] for n in client.wifi_saved()["list"]] == ["HomeNet"]
    assert_accessible(panel)
    screenshot(panel, "network")


def test_failover_bad_address_then_good(panel: Page, client: S20Client) -> None:
    before = client.failover_config()
    panel.get_by_role("link", name="Network").click()
    failover = panel.get_by_role("form", name="WAN failover")
    field = failover.locator("[data-field='eth.check_ipv4'] input")
    field.fill("1.1.1.1, 8.8.8")
    failover.get_by_role("button", name="Save").click()
    expect(failover.locator("[data-field='eth.check_ipv4'] .error")).to_contain_text("check_ipv4")
    assert client.failover_config() == before

    field.fill("1.1.1.1, 8.8.8.8")
    failover.get_by_role("button", name="Save").click()
    expect(failover.get_by_role("status")).to_have_text("Saved.")
    after = client.failover_config()
    assert after["eth"]["check_ipv4"] == ["1.1.1.1", "8.8.8.8"]
