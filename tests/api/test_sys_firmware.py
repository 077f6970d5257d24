"""Firmware upgrades against a feed and images served on 127.0.0.1, on the manual clock."""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx2 as httpx
import pytest
from click.testing import CliRunner

from s20 import __version__
from s20.api import create_app
from s20.clock import ManualClock
from s20.daemon import main as daemon_main
from s20.daemon.device import Device, DeviceInfo
from s20.daemon.platform import open_platform
from s20.daemon.settings import Settings
from s20.drivers import FirmwareInstaller
from s20.drivers.sim_system import SimRestarter, simulated_system
from s20.store import Database
from tests.api.file_server import CA, Held, Served, Truncated, serve_files
from tests.api.helpers import init_and_login, login
from tests.conftest import call

FLASH = 4096  # the test device's firmware partition, in bytes


def image(kind: str, version: str, padding: int = 100) -> bytes:
    return f"S20-SIM-FIRMWARE {kind} {version}\n".encode() + b"x" * padding


def listing(served: Served, path: str, body: bytes, kind: str, version: str) -> dict[str, object]:
    return {
        "type": kind,
        "version": version,
        "url": served.url(path),
        "sha256": hashlib.sha256(body).hexdigest(),
        "size": len(body),
    }


@dataclass
class Rig:
    api: httpx.AsyncClient
    device: Device
    clock: ManualClock
    served: Served
    state: Path
    token: str = ""

    async def ok(self, method: str, path: str, body: object = None) -> dict[str, object]:
        data = await call(self.api, method, path, body, self.token)
        assert data["code"] == 0, (path, data)
        result = data["result"]
        assert isinstance(result, dict)
        return result

    async def upgrade_status(self) -> dict[str, object]:
        return await self.ok("GET", "/sys/check_upgrade_status")

    async def settle(self) -> dict[str, object]:
        """Wait (for the local download, not for any timer) until the status is not 2."""
        deadline = time.monotonic() + 10
        while (status := await self.upgrade_status())["status"] == 2:
            assert time.monotonic() < deadline, "the upgrade never ended"
            await asyncio.sleep(0.01)
        return status

    async def current(self) -> dict[str, object]:
        return await self.ok("GET", "/sys/check_current_firmware")

    def feed(self, *images: dict[str, object]) -> None:
        self.served.files["/feed.json"] = json.dumps({"images": list(images)}).encode()

    def reboots(self) -> int:
        restarter = self.device.system.drivers.restarter
        assert isinstance(restarter, SimRestarter)
        return restarter.reboots


@asynccontextmanager
async def rig_for(
    tmp_path: Path,
    clock: ManualClock,
    served: Served,
    feed: str | None,
    firmware: FirmwareInstaller | None = None,
) -> AsyncIterator[Rig]:
    """Start a device on the simulated platform; `firmware`, if given, installs its images."""
    state = tmp_path / "state"
    db = Database.in_dir(state)
    # The simulated platform, with the test device's small firmware partition.
    system = simulated_system(state, flash_size=FLASH)
    if firmware is not None:
        system = replace(system, firmware=firmware, builtin_feed=None)
    platform = replace(await open_platform("sim:", clock, state), system=system)
    device = Device(db, clock, platform, DeviceInfo(firmware_feed=feed))
    await device.start()
    transport = httpx.ASGITransport(app=create_app(device), client=("127.0.0.1", 1))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t.local") as api:
            rig = Rig(api, device, clock, served, state)
            rig.token = await init_and_login(api)
            yield rig
    finally:
        await device.close()
        db.close()


@pytest.fixture
def http() -> Iterator[Served]:
    with serve_files() as served:
        yield served


@pytest.fixture
async def rig(tmp_path: Path, clock: ManualClock, http: Served) -> AsyncIterator[Rig]:
    async with rig_for(tmp_path, clock, http, http.url("/feed.json")) as made:
        yield made


async def test_official_upgrade_installs_restarts_and_reports_the_new_version(rig: Rig) -> None:
    new = image("2c", "9.9.9")
    rig.served.files["/s20-9.9.9.bin"] = new
    rig.feed(listing(rig.served, "/s20-9.9.9.bin", new, "2c", "9.9.9"))
    assert await rig.ok("GET", "/sys/check_online_firmware") == {
        "online_firmware_list": [{"type": "2c", "version": "9.9.9"}]
    }
    assert await rig.current() == {
        "current_firmware_type": "2c",
        "current_firmware_version": __version__,
    }
    body = {"official": {"type": "2c", "version": "9.9.9", "save_config": True}}
    assert await rig.ok("POST", "/sys/upgrade_online_firmware", body) == {}
    assert (await rig.upgrade_status())["status"] == 2
    assert await rig.settle() == {"status": 0, "fail_msg": ""}
    # Installed, not yet running: the restart comes RESTART_DELAY (2 s) later.
    assert (await rig.current())["current_firmware_version"] == __version__
    assert not list(rig.state.glob("firmware.*"))
    await rig.clock.advance_async(1.9)
    assert rig.reboots() == 0
    await rig.clock.advance_async(0.2)
    assert rig.reboots() == 1
    rig.token = await login(rig.api)  # the restart ended every session; settings stayed
    assert await rig.current() == {
        "current_firmware_type": "2c",
        "current_firmware_version": "9.9.9",
    }
    info = await call(rig.api, "GET", "/ui/check_initialized")
    result = info["result"]
    assert isinstance(result, dict)
    assert (result["firmware_version"], result["firmware_category"]) == ("9.9.9", "2c")
    assert result["initialized"] is True
    assert (await rig.upgrade_status())["status"] == 0


async def test_save_config_false_restarts_with_factory_settings(rig: Rig) -> None:
    new = image("2b", "10.0")
    rig.served.files["/s20.bin"] = new
    rig.feed(listing(rig.served, "/s20.bin", new, "2b", "10.0"))
    body = {"official": {"type": "2b", "version": "10.0", "save_config": False}}
    await rig.ok("POST", "/sys/upgrade_online_firmware", body)
    assert (await rig.settle())["status"] == 0
    await rig.clock.advance_async(2.5)
    info = await call(rig.api, "GET", "/ui/check_initialized")
    assert info["result"] == {
        "initialized": False,
        "model": "S20",
        "hostname": "gl-s20-otbr",
        "firmware_category": "2b",
        "firmware_version": "10.0",
        "mac": rig.device.identity.eth_mac,
    }


async def test_custom_url_installs_whatever_firmware_it_holds(rig: Rig) -> None:
    rig.served.files["/custom.bin"] = image("2c", "0.0.1-custom")
    body = {"custom": {"url": rig.served.url("/custom.bin")}}
    await rig.ok("POST", "/sys/upgrade_online_firmware", body)
    assert (await rig.settle())["status"] == 0
    await rig.clock.advance_async(2.5)
    rig.token = await login(rig.api)
    assert (await rig.current())["current_firmware_version"] == "0.0.1-custom"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


GOOD = image("2c", "9.9.9")
FAILURES = [
    # (what is served at /img, what the feed says about it, fail_msg contains)
    (GOOD, {"sha256": "0" * 64}, "SHA-256 does not match"),
    (Truncated(GOOD[:40], len(GOOD)), {}, "/img"),
    (Truncated(GOOD[:40], len(GOOD)), {"size": None, "sha256": None}, "/img"),
    (GOOD, {"size": len(GOOD) + 1}, f"the image is {len(GOOD)} bytes; the feed said"),
    (image("2c", "9.9.9", FLASH), {}, f"over the {FLASH}-byte limit"),
    (b"MZ\x90\x00 this is not firmware\n", {"size": None, "sha256": None}, "not an S20 firmware"),
    (image("2c", "6.6.6"), {"size": None, "sha256": None}, "holds 2c 6.6.6, not the 2c 9.9.9"),
    (None, {"url": f"http://127.0.0.1:{closed_port()}/img"}, "127.0.0.1"),
    (None, {}, "HTTP 404"),
]


@pytest.mark.parametrize(("served", "promise", "reason"), FAILURES)
async def test_a_failed_upgrade_keeps_the_running_firmware(
    rig: Rig, served: bytes | Truncated | None, promise: dict[str, object], reason: str
) -> None:
    if served is not None:
        rig.served.files["/img"] = served
    entry = {**listing(rig.served, "/img", GOOD, "2c", "9.9.9"), **promise}
    rig.feed({k: v for k, v in entry.items() if v is not None})
    body = {"official": {"type": "2c", "version": "9.9.9", "save_config": True}}
    await rig.ok("POST", "/sys/upgrade_online_firmware", body)
    status = await rig.settle()
    assert status["status"] == 1, status
    assert reason in str(status["fail_msg"]), status
    await rig.clock.advance_async(10)
    assert rig.reboots() == 0
    assert (await rig.current())["current_firmware_version"] == __version__
    assert not list(rig.state.glob("firmware.*"))
    # A failure does not block the next attempt.
    rig.served.files["/good"] = GOOD
    rig.feed(listing(rig.served, "/good", GOOD, "2c", "9.9.9"))
    await rig.ok("POST", "/sys/upgrade_online_firmware", body)
    assert (await rig.settle())["status"] == 0


async def test_one_upgrade_at_a_time(rig: Rig) -> None:
    release = threading.Event()
    rig.served.files["/slow.bin"] = Held(GOOD, release)
    rig.served.files["/other.bin"] = GOOD
    try:
        first = {"custom": {"url": rig.served.url("/slow.bin")}}
        await rig.ok("POST", "/sys/upgrade_online_firmware", first)
        second = {"custom": {"url": rig.served.url("/other.bin")}}
        busy = await call(rig.api, "POST", "/sys/upgrade_online_firmware", second, rig.token)
        assert busy == {"code": -32011, "err_msg": "a firmware upgrade is already running"}
        assert (await rig.upgrade_status())["status"] == 2
    finally:
        release.set()
    assert (await rig.settle())["status"] == 0
    # Installed and waiting for its restart: still one upgrade at a time.
    busy = await call(rig.api, "POST", "/sys/upgrade_online_firmware", second, rig.token)
    assert busy["code"] == -32011
    await rig.clock.advance_async(2.5)
    assert "/other.bin" not in rig.served.requests


async def test_no_upgrade_yet(rig: Rig) -> None:
    assert await rig.upgrade_status() == {"status": 1, "fail_msg": "no upgrade has been started"}


OFFICIAL = {"type": "2c", "version": "9.9.9", "save_config": True}
BAD_UPGRADES = [
    ({}, "give exactly one of official and custom"),
    ({"official": OFFICIAL, "custom": {"url": "http://127.0.0.1/x"}}, "give exactly one"),
    ({"custom": {"url": "ftp://127.0.0.1/s20.bin"}}, "custom.url must be an http or https URL"),
    ({"custom": {"url": "file:///etc/passwd"}}, "custom.url must be an http or https URL"),
    ({"custom": {"url": "javascript:alert(1)"}}, "custom.url must be an http or https URL"),
    ({"custom": {"url": "http://"}}, "custom.url must be an http or https URL"),
    ({"custom": {"url": 7}}, "custom.url must be a string"),
    ({"custom": {}}, "custom.url is required"),
    ({"custom": "http://127.0.0.1/x"}, "custom must be an object"),
    ({"official": {"type": "2c", "version": "9.9.9"}}, "official.save_config is required"),
    ({"official": {**OFFICIAL, "save_config": 1}}, "official.save_config must be a boolean"),
    ({"official": {**OFFICIAL, "type": 2}}, "official.type must be a string"),
    ({"official": {**OFFICIAL, "version": None}}, "official.version must not be null"),
    ({"official": {**OFFICIAL, "version": "1.0"}}, "official.version: the feed lists no"),
    ({"official": {**OFFICIAL, "type": "2b"}}, "official.version: the feed lists no 2b image"),
    ({"official": []}, "official must be an object"),
    ({"official": None}, "official must not be null"),
]


@pytest.mark.parametrize(("body", "err_msg"), BAD_UPGRADES)
async def test_bad_upgrade_requests(rig: Rig, body: dict[str, object], err_msg: str) -> None:
    rig.served.files["/img"] = GOOD
    rig.feed(listing(rig.served, "/img", GOOD, "2c", "9.9.9"))
    data = await call(rig.api, "POST", "/sys/upgrade_online_firmware", body, rig.token)
    assert data["code"] == -32602, data
    assert str(data["err_msg"]).startswith(err_msg), data
    assert rig.served.requests.count("/img") == 0
    assert await rig.upgrade_status() == {"status": 1, "fail_msg": "no upgrade has been started"}


BAD_FEEDS = [
    (b"not json", "firmware feed must be a JSON object"),
    (b"[]", "firmware feed must be an object"),
    (b"{}", "firmware feed.images is required"),
    (b'{"images": {}}', "firmware feed.images must be an array"),
    (b'{"images": [{"type": "2c", "version": "1"}]}', "firmware feed images[0].url is required"),
    (
        b'{"images": [{"type": "2c", "version": "1", "url": "ftp://h/x"}]}',
        "firmware feed images[0].url must be an http or https URL",
    ),
    (
        b'{"images": [{"type": "2c", "version": "1", "url": "http://h/x", "sha256": "ab"}]}',
        "firmware feed images[0].sha256 must be 64 hex digits",
    ),
    (
        b'{"images": [{"type": "2c", "version": "1", "url": "http://h/x", "size": "12"}]}',
        "firmware feed images[0].size must be an integer",
    ),
    (b'{"images": [{"version": "1", "url": "http://h/x"}]}', "firmware feed images[0].type is"),
]


@pytest.mark.parametrize(("feed", "err_msg"), BAD_FEEDS)
async def test_a_feed_with_a_bad_field(rig: Rig, feed: bytes, err_msg: str) -> None:
    rig.served.files["/feed.json"] = feed
    data = await call(rig.api, "GET", "/sys/check_online_firmware", token=rig.token)
    assert data["code"] == -32602, data
    assert str(data["err_msg"]).startswith(err_msg), data


async def test_an_unreachable_feed(tmp_path: Path, clock: ManualClock, http: Served) -> None:
    feed = f"http://127.0.0.1:{closed_port()}/feed.json"
    async with rig_for(tmp_path, clock, http, feed) as rig:
        data = await call(rig.api, "GET", "/sys/check_online_firmware", token=rig.token)
        assert data["code"] == -32020
        assert str(data["err_msg"]).startswith("cannot read the firmware feed: http://127.0.0.1")


async def test_without_a_feed_the_simulation_offers_a_newer_image(
    tmp_path: Path, clock: ManualClock, http: Served
) -> None:
    async with rig_for(tmp_path, clock, http, None) as rig:
        listed = await rig.ok("GET", "/sys/check_online_firmware")
        assert listed == {"online_firmware_list": [{"type": "2c", "version": "0.1.1"}]}
        body = {"official": {"type": "2c", "version": "0.1.1", "save_config": True}}
        await rig.ok("POST", "/sys/upgrade_online_firmware", body)
        assert (await rig.settle())["status"] == 0
        await rig.clock.advance_async(2.5)
        rig.token = await login(rig.api)
        assert (await rig.current())["current_firmware_version"] == "0.1.1"
        listed = await rig.ok("GET", "/sys/check_online_firmware")
        assert listed == {"online_firmware_list": [{"type": "2c", "version": "0.1.2"}]}


async def test_an_https_feed_is_verified_with_the_uploaded_ca(
    tmp_path: Path, clock: ManualClock
) -> None:
    ca = CA()
    with serve_files(ca.server_context(tmp_path / "tls")) as https:
        https.files["/img"] = GOOD
        entry = listing(https, "/img", GOOD, "2c", "9.9.9")
        https.files["/feed.json"] = json.dumps({"images": [entry]}).encode()
        async with rig_for(tmp_path, clock, https, https.url("/feed.json")) as rig:
            refused = await call(rig.api, "GET", "/sys/check_online_firmware", token=rig.token)
            assert refused["code"] == -32020
            assert "certificate verify failed" in str(refused["err_msg"])
            response = await rig.api.post(
                "/sys/upgrade_local_certificate", content=ca.pem, headers={"Token": rig.token}
            )
            assert response.json() == {"code": 0, "result": {}}
            listed = await rig.ok("GET", "/sys/check_online_firmware")
            assert listed == {"online_firmware_list": [{"type": "2c", "version": "9.9.9"}]}
            body = {"official": {"type": "2c", "version": "9.9.9", "save_config": True}}
            await rig.ok("POST", "/sys/upgrade_online_firmware", body)
            assert (await rig.settle())["status"] == 0


def test_s20d_takes_the_feed_from_flag_environment_or_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[Settings] = []

    async def fake_serve(settings: Settings, **_: object) -> None:
        seen.append(settings)

    monkeypatch.setattr(daemon_main, "serve", fake_serve)
    cfg = tmp_path / "s20.toml"
    cfg.write_text('firmware_feed = "https://example.org/from-file.json"\n')
    runs = [
        (["--firmware-feed", "http://127.0.0.1:8000/feed.json"], {}),
        ([], {"S20_FIRMWARE_FEED": "https://example.org/env.json"}),
        (["--config", str(cfg)], {}),
        ([], {}),
    ]
    for args, env in runs:
        result = CliRunner().invoke(daemon_main.main, args, env={"S20_FIRMWARE_FEED": None, **env})
        assert result.exit_code == 0, result.output
    assert [s.firmware_feed for s in seen] == [
        "http://127.0.0.1:8000/feed.json",
        "https://example.org/env.json",
        "https://example.org/from-file.json",
        None,
    ]
    refused = CliRunner().invoke(daemon_main.main, ["--firmware-feed", "ftp://example.org/f"])
    assert refused.exit_code == 2
    assert "must be an http or https URL" in refused.output
    assert len(seen) == 4


async def test_an_unexpected_error_ends_the_upgrade_as_failed(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_image: Path) -> None:
        raise RuntimeError("installer bug")

    monkeypatch.setattr(rig.device.system.drivers.firmware, "inspect", broken)
    rig.served.files["/img"] = GOOD
    await rig.ok(
        "POST", "/sys/upgrade_online_firmware", {"custom": {"url": rig.served.url("/img")}}
    )
    assert await rig.settle() == {"status": 1, "fail_msg": "internal error; see the device log"}
    assert not list(rig.state.glob("firmware.*"))
