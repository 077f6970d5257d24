"""The Devices page against the real s20d: a joiner seen joining live, the table's tools."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import Page, expect

from s20.client import S20Client
from tests.web.browser import assert_accessible, screenshot

pytestmark = pytest.mark.e2e

BULB, BULB_PSKD = "18b4300000000101", "J01NME"  # a joiner of the built-in simulated world


def attached(client: S20Client) -> None:
    client.thread_start()
    deadline = time.monotonic() + 15
    while client.thread_status()["RCP"]["State"] < 2:
        assert time.monotonic() < deadline, "Thread did not attach"
        time.sleep(0.1)


def test_a_joiner_added_is_seen_joining_live(panel: Page, client: S20Client) -> None:
    attached(client)
    panel.get_by_role("link", name="Devices").click()
    expect(panel.get_by_test_id("commissioner")).to_have_text("Off")
    panel.get_by_role("button", name="Turn the commissioner on").click()
    expect(panel.get_by_test_id("commissioner")).to_have_text("On")
    assert client.commissioning_status()["State"] == 1

    listed = client.joiner_list()["DeviceList"]
    add = panel.get_by_role("form", name="Add a device")
    add.get_by_label("EUI-64").fill("18b43000000001")
    add.get_by_label("PSKd").fill(BULB_PSKD)
    add.get_by_role("button", name="Add a device").click()
    expect(add.locator("[data-field=EUI64] .error")).to_contain_text("EUI64")
    assert client.joiner_list()["DeviceList"] == listed

    add.get_by_label("EUI-64").fill(BULB)
    add.get_by_role("button", name="Add a device").click()
    expect(add.get_by_role("status")).to_have_text("Added.")
    # The simulated bulb keeps trying; the table follows it to "Joined" without a reload.
    expect(panel.get_by_test_id(f"status-{BULB}")).to_have_text("Joined", timeout=20000)
    (entry,) = [d for d in client.joiner_list()["DeviceList"] if d["EUI64"] == BULB]
    assert (entry["EUI64"], entry["Status"]) == (BULB, 2)
    assert entry["JoinedTime"] > 0
    assert_accessible(panel)
    screenshot(panel, "devices")


def test_any_device_remove_export_and_import(panel: Page, client: S20Client, tmp_path) -> None:
    panel.get_by_role("link", name="Devices").click()
    add = panel.get_by_role("form", name="Add a device")
    add.get_by_label("Any device").check()
    expect(add.get_by_label("EUI-64")).to_be_hidden()
    add.get_by_label("PSKd").fill("ANY234")
    add.get_by_role("button", name="Add a device").click()
    expect(panel.get_by_test_id("status-*")).to_be_visible()
    assert "*" in [d["EUI64"] for d in client.joiner_list()["DeviceList"]]

    with panel.expect_download() as info:
        panel.get_by_role("button", name="Export the device list").click()
    exported = json.loads(info.value.path().read_text())
    assert exported == client.export_joiners()

    panel.get_by_role("button", name="Remove Any device (*)").click()
    expect(panel.get_by_test_id("status-*")).to_have_count(0)
    assert "*" not in [d["EUI64"] for d in client.joiner_list()["DeviceList"]]

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"joiner_list_version": "1", "DeviceList": [{"EUI64": "zz"}]}))
    form = panel.get_by_role("form", name="Import a device list")
    form.get_by_label("Device list (JSON file)").set_input_files(bad)
    form.get_by_role("button", name="Import a device list").click()
    expect(form.locator(".form-error")).to_contain_text("DeviceList")
    before = client.joiner_list()["DeviceList"]

    good = tmp_path / "good.json"
    listed = {
        "joiner_list_version": "1",
        "DeviceList": [{"EUI64": "00124b0000000abc", "PSKd": "ABC123"}],
    }
    good.write_text(json.dumps(listed))
    form.get_by_label("Device list (JSON file)").set_input_files(good)
    form.get_by_role("button", name="Import a device list").click()
    expect(form.get_by_role("status")).to_have_text("1 devices imported.")
    expect(panel.get_by_test_id("status-00124b0000000abc")).to_have_text("Waiting")
    after = client.joiner_list()["DeviceList"]
    assert len(after) == len(before) + 1
