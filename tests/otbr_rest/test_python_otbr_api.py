"""Home Assistant's own client library, every public coroutine, against this border router.

The calls follow the recording of python-otbr-api against a real otbr-agent
(`python_otbr_api.txt`): the same order, the same states, the same results and errors.
The app is served by uvicorn on a loopback port, as `s20d` serves it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
import python_otbr_api
from python_otbr_api import OTBR, KeyFormat
from python_otbr_api.models import ActiveDataSet, PendingDataSet

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.thread import Dataset

# The recording's demo dataset: "HA-Test", channel 15, PAN ID 0x1234.
TLVS = bytes.fromhex(
    "0e080000000000010000000300000f35060004001fffe0020811111111222222220708fdad70bfe5aa15dd"
    "051000112233445566778899aabbccddeeff030748412d54657374010212340410445f2b5ca6f2a93a55ce"
    "570a70efeecb0c0402a0f7f8"
)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def until_leader(otbr_device: Device, clock: ManualClock) -> None:
    for _ in range(60):
        if (await otbr_device.thread.node_info()).role.name == "LEADER":
            return
        await clock.advance_async(1.0)
    raise AssertionError("never became leader")


async def test_every_coroutine_as_recorded(
    blank: Device, rest_url: str, session: aiohttp.ClientSession, clock: ManualClock
) -> None:
    otbr = OTBR(rest_url, session)

    # B.1: no dataset.
    assert await otbr.get_api_version() is None
    assert await otbr.get_active_dataset() is None
    assert await otbr.get_active_dataset_tlvs() is None
    assert await otbr.get_pending_dataset_tlvs() is None
    info = await blank.thread.node_info()
    assert (await otbr.get_border_agent_id()).hex() == info.ba_id
    assert (await otbr.get_extended_address()).hex() == info.ext_address
    assert await otbr.get_coprocessor_version() == await blank.thread.coprocessor_version()
    await otbr.set_enabled(False)
    await otbr.create_active_dataset(ActiveDataSet(channel=15, network_name="HA-Test"))
    created = await otbr.get_active_dataset()
    assert created is not None
    assert (created.channel, created.network_name) == (15, "HA-Test")
    assert created.security_policy is not None
    assert created.security_policy.routers is True
    tlvs = await otbr.get_active_dataset_tlvs()
    assert tlvs is not None
    decoded = Dataset.from_tlvs(tlvs)
    assert decoded.network_key is not None
    assert decoded.network_key.hex() == created.network_key
    await otbr.set_active_dataset_tlvs(TLVS)
    demo = await otbr.get_active_dataset()
    assert demo is not None
    assert (demo.network_name, demo.channel, demo.pan_id) == ("HA-Test", 15, 0x1234)
    assert demo.network_key == "00112233445566778899aabbccddeeff"
    assert demo.extended_pan_id == "1111111122222222"
    assert demo.mesh_local_prefix == "fdad:70bf:e5aa:15dd::/64"

    # B.2: Thread on; the active dataset cannot be replaced while it runs.
    await otbr.set_enabled(True)
    await until_leader(blank, clock)
    assert await otbr.get_active_dataset() == demo
    tlvs = await otbr.get_active_dataset_tlvs()
    assert tlvs is not None
    assert tlvs.endswith(TLVS)
    assert await otbr.get_pending_dataset_tlvs() is None
    with pytest.raises(python_otbr_api.ThreadNetworkActiveError):
        await otbr.create_active_dataset(ActiveDataSet(channel=11, network_name="Other"))
    with pytest.raises(python_otbr_api.ThreadNetworkActiveError):
        await otbr.set_active_dataset_tlvs(TLVS)

    # B.3: a channel change through the pending dataset, refused while one is in place.
    await otbr.set_channel(20)
    pending_tlvs = await otbr.get_pending_dataset_tlvs()
    assert pending_tlvs is not None
    pending = Dataset.from_tlvs(pending_tlvs)
    assert pending.channel == 20
    assert pending.delay_timer == 300000
    assert pending.active_timestamp is not None
    assert pending.active_timestamp.seconds == 2
    with pytest.raises(python_otbr_api.PendingDatasetConflictError):
        await otbr.set_channel(21)
    with pytest.raises(python_otbr_api.PendingDatasetConflictError):
        await otbr.create_pending_dataset(
            PendingDataSet(active_dataset=ActiveDataSet(channel=22), delay=300000)
        )
    with pytest.raises(python_otbr_api.PendingDatasetConflictError):
        await otbr.set_pending_dataset_tlvs(TLVS)
    with pytest.raises(python_otbr_api.OTBRError, match="unexpected http status 404"):
        await otbr.delete_pending_dataset()
    with pytest.raises(python_otbr_api.OTBRError, match="unexpected http status 404"):
        await otbr.delete_active_dataset()
    with pytest.raises(python_otbr_api.OTBRError, match="invalid channel 27"):
        await otbr.set_channel(27)
    # The delay runs out on the injected clock: the leader moves to channel 20.
    await clock.advance_async(301.0)
    assert await otbr.get_pending_dataset_tlvs() is None
    moved = await otbr.get_active_dataset()
    assert moved is not None
    assert moved.channel == 20
    assert blank.thread.config.active.channel == 20

    # B.4: no ephemeral key (ePSKc) in this build, as in the recorded one.
    with pytest.raises(python_otbr_api.EphemeralKeyNotSupportedError):
        await otbr.get_ephemeral_key_enabled()
    with pytest.raises(python_otbr_api.OTBRError, match="405"):
        await otbr.set_ephemeral_key_enabled(True)
    with pytest.raises(python_otbr_api.EphemeralKeyNotSupportedError):
        await otbr.get_ephemeral_key_status()
    with pytest.raises(python_otbr_api.EphemeralKeyNotSupportedError):
        await otbr.activate_ephemeral_key()
    with pytest.raises(python_otbr_api.EphemeralKeyNotSupportedError):
        await otbr.deactivate_ephemeral_key()

    # B.5: off, factory reset, and nothing left.
    await otbr.set_enabled(False)
    await otbr.factory_reset()
    assert await otbr.get_active_dataset() is None
    assert await otbr.get_active_dataset_tlvs() is None
    assert await otbr.get_pending_dataset_tlvs() is None
    with pytest.raises(python_otbr_api.OTBRError, match="router has no active dataset"):
        await otbr.set_channel(15)


async def test_pascal_case_keys_are_ignored_as_the_agent_ignores_them(
    blank: Device, rest_url: str, session: aiohttp.ClientSession
) -> None:
    otbr = OTBR(rest_url, session, key_format=KeyFormat.PASCAL_CASE)
    await otbr.create_active_dataset(ActiveDataSet(channel=16, network_name="HA-Pascal"))
    dataset = await otbr.get_active_dataset()
    assert dataset is not None
    # A new random network, as the radio makes one: the PascalCase keys changed nothing.
    assert dataset.network_name is not None
    assert dataset.network_name.startswith("OpenThread-")
    await otbr.factory_reset()
    assert await otbr.get_active_dataset() is None


async def test_pending_dataset_writes_that_succeed(
    blank: Device, rest_url: str, session: aiohttp.ClientSession
) -> None:
    otbr = OTBR(rest_url, session)
    pending_tlvs = TLVS + bytes.fromhex("340400001388")  # a 5 s delay timer
    await otbr.set_pending_dataset_tlvs(pending_tlvs)
    read = await otbr.get_pending_dataset_tlvs()
    assert read is not None
    assert Dataset.from_tlvs(read).network_name == "HA-Test"
    assert Dataset.from_tlvs(read).delay_timer == 5000
    await otbr.factory_reset()
    await otbr.create_pending_dataset(
        PendingDataSet(active_dataset=ActiveDataSet(channel=22, network_name="Next"), delay=9000)
    )
    read = await otbr.get_pending_dataset_tlvs()
    assert read is not None
    assert (Dataset.from_tlvs(read).channel, Dataset.from_tlvs(read).delay_timer) == (22, 9000)
