"""`/sys/get_log`: the daemon's recent log, oldest first, never a secret."""

from __future__ import annotations

import logging

import httpx2 as httpx

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.drivers import LogLine
from s20.services.system import DeviceLog, redact_text
from tests.api.helpers import init_and_login, login, try_login
from tests.conftest import PASSWORD, call

PASSPHRASE = "Correct-Horse-Battery"
NETWORK_KEY = "00112233445566778899aabbccddeeff"
PSKD = "J01NME"


async def device_log(api: httpx.AsyncClient, token: str) -> list[str]:
    data = await call(api, "GET", "/sys/get_log", token=token)
    assert data["code"] == 0, data
    result = data["result"]
    assert isinstance(result, dict)
    assert set(result) == {"log"}
    log = result["log"]
    assert isinstance(log, str)
    return log.split("\n")


async def test_log_shows_a_failed_login_and_a_thread_start_and_no_secret(
    api: httpx.AsyncClient, device: Device, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    assert (await try_login(api, "wrong-password-1"))["code"] == -32000
    body = {"Passphrase": PASSPHRASE, "NetworkKey": NETWORK_KEY}
    assert (await call(api, "POST", "/otbr/set_config", body, token))["code"] == 0
    joiner = {"EUI64": "18b4300000000101", "PSKd": PSKD}
    assert (await call(api, "POST", "/otbr/add_joiner", joiner, token))["code"] == 0
    clock.advance(5)
    assert (await call(api, "POST", "/otbr/start", {}, token))["code"] == 0
    pskc = device.thread.config.active.pskc
    assert pskc is not None
    # A secret that reaches a message some other way is hidden too.
    logging.getLogger("s20.test").warning("radio said: key %s pskc %s", NETWORK_KEY, pskc.hex())

    lines = await device_log(api, token)
    text = "\n".join(lines)
    failed = [i for i, line in enumerate(lines) if "failed login from 127.0.0.1" in line]
    started = [i for i, line in enumerate(lines) if line.endswith("thread started")]
    assert failed, text
    assert started, text
    assert failed[0] < started[0]  # oldest first
    assert lines[started[0]].startswith("2026-01-01 00:00:05 info s20.services.thread")
    assert "radio said: key <redacted> pskc <redacted>" in text
    for secret in (PASSPHRASE, NETWORK_KEY, NETWORK_KEY.upper(), pskc.hex(), PSKD, PASSWORD):
        assert secret not in text


async def test_the_log_survives_a_restart(api: httpx.AsyncClient, device: Device) -> None:
    token = await init_and_login(api)
    assert (await call(api, "POST", "/otbr/start", {}, token))["code"] == 0
    await device.restart()
    token = await login(api)
    text = "\n".join(await device_log(api, token))
    assert "thread started" in text
    assert "device restarted" in text


def test_named_secrets_are_redacted() -> None:
    assert redact_text("wifi password=hunter2222 ok") == "wifi password=<redacted> ok"
    assert redact_text('{"pwd": "s3cret-pw", "ssid": "Home"}') == (
        '{"pwd": "<redacted>", "ssid": "Home"}'
    )
    assert redact_text("PSKd: J01NME\nnext") == "PSKd: <redacted>\nnext"
    assert redact_text("dataset networkkey 00112233445566778899aabbccddeeff") == (
        "dataset networkkey <redacted>"
    )
    assert redact_text("channel 15, panid 0x1234") == "channel 15, panid 0x1234"


def test_the_ring_keeps_the_newest_lines(clock: ManualClock) -> None:
    ring = DeviceLog(clock, capacity=3)
    ring.attach()
    try:
        for n in range(5):
            logging.getLogger("s20.ring").info("line %d", n)
            clock.advance(1)
        logging.getLogger("s20.ring").debug("too detailed")
    finally:
        ring.detach()
    logging.getLogger("s20.ring").info("after detach")
    assert [line.rsplit(" ", 1)[1] for line in ring.lines([])] == ["2", "3", "4"]


class PlatformLog:
    def lines(self, limit: int) -> list[LogLine]:
        start = 1_767_225_600
        return [LogLine(start + 0.5, "kernel: eth0 up"), LogLine(start + 2.5, "otbr: ready")][
            -limit:
        ]


def test_platform_lines_merge_by_time(clock: ManualClock) -> None:
    ring = DeviceLog(clock)
    ring.attach()
    try:
        for n in range(3):
            logging.getLogger("s20.merge").info("daemon %d", n)
            clock.advance(1)
    finally:
        ring.detach()
    lines = ring.lines([], PlatformLog().lines(ring.capacity))
    assert [line.split(": ", 1)[1] for line in lines] == [
        "daemon 0",
        "eth0 up",
        "daemon 1",
        "daemon 2",
        "ready",
    ]
