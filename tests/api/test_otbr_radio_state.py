"""The radio's own state: adopting an existing network, key joins, no dataset at all."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.daemon.platform import open_platform
from s20.otcli import OtCli, Radio
from s20.services.thread._status import read_status
from s20.sim import SimTransport, VirtualNode, World
from s20.thread import Dataset, Timestamp
from tests.api.helpers import init_and_login, login, ok_result
from tests.api.radios import api_for
from tests.conftest import call


async def test_status_without_any_dataset(tmp_path: Path, clock: ManualClock) -> None:
    link = (
        await open_platform("sim:", clock, tmp_path)
    ).link  # a blank node: nothing committed yet
    try:
        versions = await link.radio.versions()
        status = await read_status(link.radio, versions, "18b4300000000001", "")
    finally:
        await link.close()
    assert status["Network"] == {
        "Channel": 0,
        "ExtPanId": "",
        "NetworkKey": "",
        "NetworkName": "",
        "PanId": "",
        "PSKc": "",
        "Passphrase": "",
        "MeshLocalPrefix": "",
        "OnMeshPrefix": "",
        "IPv6": [],
        "ActiveDataset": "",
    }
    assert status["RCP"]["State"] == 0
    assert isinstance(status["RCP"]["Rloc16"], int)


async def test_single_chip_radio_reports_its_own_build_as_rcp_version(
    clock: ManualClock,
) -> None:
    # A plain ot-cli-ftd node has no RCP: `rcp version` is NotImplemented (transcript 01).
    cli = OtCli(SimTransport(VirtualNode(World(), clock)), clock)
    await cli.start()
    radio = Radio(cli)
    try:
        versions = await radio.versions()
        status = await read_status(radio, versions, "18b4300000000001", "")
    finally:
        await cli.close()
    assert versions.rcp is None
    assert status["RCP"]["RCPVersion"] == status["OTBRVersion"] == versions.version
    assert "SIMULATION" in versions.version


async def _form(radio: Radio, clock: ManualClock) -> str:
    """Form a network on the radio by hand, as otbr-agent would have before s20d."""
    await radio.cli.command("dataset", "init", "new")
    await radio.cli.command("dataset", "networkname", "Existing")
    await radio.cli.command("dataset", "commit", "active")
    await radio.ifconfig_up()
    await radio.thread_start()
    await clock.advance_async(10)
    hex_form = await radio.active_dataset_hex()
    assert hex_form is not None
    return hex_form


@pytest.fixture
async def adopted(
    tmp_path: Path, clock: ManualClock
) -> AsyncIterator[tuple[httpx.AsyncClient, Device, str]]:
    state = tmp_path / "adopt"
    platform = await open_platform("sim:", clock, state)
    existing = await _form(platform.link.radio, clock)
    async with api_for(platform, state, clock) as (api, device):
        yield api, device, existing


async def test_first_start_adopts_the_radio_network(
    adopted: tuple[httpx.AsyncClient, Device, str], clock: ManualClock
) -> None:
    api, _device, existing = adopted
    token = await init_and_login(api)
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["Network"]["ActiveDataset"] == existing
    assert status["Network"]["NetworkName"] == "Existing"
    assert status["Network"]["Passphrase"] == ""
    assert status["RCP"]["State"] == 4
    # A factory reset does not adopt it again: factory settings are the default network.
    await ok_result(api, token, "POST", "/sys/reset")
    token = await init_and_login(api)
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["Network"]["NetworkName"].startswith("GL-S20-")
    assert status["Network"]["Passphrase"] == "goodlife"
    assert status["RCP"]["State"] == 0


async def test_join_with_network_key(
    api: httpx.AsyncClient, device: Device, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    assert device.simulation is not None
    office = next(
        n for n in device.simulation.snapshot()["networks"] if n["network_name"] == "Office-Mesh"
    )
    full = Dataset.from_tlvs(office["dataset"])
    assert full.network_key is not None
    await ok_result(
        api,
        token,
        "POST",
        "/otbr/join",
        {
            "CredentialType": "networkKeyType",
            "NetworkKey": full.network_key.hex().upper(),
            "Channel": full.channel,
            "PanId": full.pan_id,
        },
    )
    for _ in range(10):
        await clock.advance_async(1)
        await ok_result(api, token, "GET", "/otbr/get_commissioning_status")
    await clock.advance_async(1)  # the attach watcher stores what the leader handed over
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["RCP"]["State"] >= 2
    assert status["Network"]["NetworkName"] == "Office-Mesh"
    assert status["Network"]["ActiveDataset"] == full.to_hex()
    # Stored: after a restart the device comes back on that network.
    await ok_result(api, token, "POST", "/sys/restart")
    token = await login(api)
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["Network"]["ActiveDataset"] == full.to_hex()
    assert device.thread.config.dataset == full.to_hex()


async def test_restart_keeps_a_dataset_the_network_moved_to(
    api: httpx.AsyncClient, device: Device, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    await ok_result(api, token, "POST", "/otbr/start")
    await clock.advance_async(10)
    stored = Dataset.from_tlvs(device.thread.config.dataset)
    assert stored.active_timestamp is not None
    # While s20d is away, the network moves to channel 20 (a newer active timestamp).
    await device.stop()
    moved = stored.replace(
        channel=20, active_timestamp=Timestamp(stored.active_timestamp.seconds + 10)
    )
    radio = device.link.radio
    await radio.thread_stop()
    await radio.set_active_dataset(moved.to_hex())
    await radio.thread_start()
    await clock.advance_async(40)
    await device.restart()
    token = await login(api)
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["Network"]["Channel"] == 20
    assert Dataset.from_tlvs(device.thread.config.dataset) == moved


async def test_state_is_restored_after_the_radio_session_drops(
    api: httpx.AsyncClient, device: Device, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    await ok_result(api, token, "POST", "/otbr/start")
    await clock.advance_async(10)
    await ok_result(api, token, "POST", "/otbr/set_commissioning", {"Enable": True})
    await ok_result(
        api, token, "POST", "/otbr/add_joiner", {"EUI64": "18b4300000000e01", "PSKd": "J01NME"}
    )
    await clock.advance_async(1)
    # As if otbr-agent restarted: another client takes the CLI session, and the agent
    # comes back with Thread (and so the commissioner) stopped.
    transport = device.link.cli.transport
    intruder = await transport.connect()
    await intruder.write(b"thread stop\n")
    await intruder.close()
    for _ in range(60):  # reconnect, re-form (~35 s for a node attached before), re-arm
        await clock.advance_async(1)
        await call(api, "GET", "/ui/check_initialized")
        await ok_result(api, token, "GET", "/otbr/get_bbr_status")
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["RCP"]["State"] == 4
    assert (await ok_result(api, token, "GET", "/otbr/get_commissioning_status"))["State"] == 1
    assert device.simulation is not None
    device.simulation.add_joiner_device(bytes.fromhex("18b4300000000e01"), "J01NME")
    for _ in range(20):
        await clock.advance_async(1)
    joiners = (await ok_result(api, token, "GET", "/otbr/get_joiner_list"))["DeviceList"]
    assert joiners[0]["Status"] == 2
