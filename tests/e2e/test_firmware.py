"""Firmware upgrade and the `s20ctl sys` commands against the real s20d and a local feed."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from s20.client import S20Client, S20Error
from s20.client.cli import cli
from tests.api.file_server import CA, Served, serve_files
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d
from tests.e2e.test_s20ctl import ctl

pytestmark = pytest.mark.e2e

IMAGE = b"S20-SIM-FIRMWARE 2c 7.0.1\n" + bytes(range(256)) * 64


@pytest.fixture
def feed() -> Iterator[Served]:
    with serve_files() as served:
        served.files["/s20-7.0.1.bin"] = IMAGE
        entry = {
            "type": "2c",
            "version": "7.0.1",
            "url": served.url("/s20-7.0.1.bin"),
            "sha256": hashlib.sha256(IMAGE).hexdigest(),
            "size": len(IMAGE),
        }
        served.files["/feed.json"] = json.dumps({"images": [entry]}).encode()
        yield served


@pytest.fixture
def url(tmp_path: Path, feed: Served) -> Iterator[str]:
    with running_s20d(tmp_path / "state", "--firmware-feed", feed.url("/feed.json")) as base:
        with S20Client(base) as client:
            client.set_init(PASSWORD)
        yield base


def test_upgrade_from_the_feed_with_s20ctl(url: str) -> None:
    status = json.loads(ctl(url, "sys", "status", "--json").output)
    assert status["current_firmware_type"] == "2c"
    assert status["current_firmware_version"] != "7.0.1"
    assert ctl(url, "sys", "upgrade", "--version", "7.0.1").output.endswith(
        "upgraded to 2c 7.0.1; the device restarts\n"
    )
    # The restart follows 2 s later (RESTART_DELAY); the daemon's clock is the real one.
    deadline = time.monotonic() + 20
    with S20Client(url, password=PASSWORD) as client:
        while client.current_firmware()["current_firmware_version"] != "7.0.1":
            assert time.monotonic() < deadline, "the new firmware never ran"
            time.sleep(0.2)
        info = client.check_initialized()
    assert (info["firmware_category"], info["firmware_version"]) == ("2c", "7.0.1")
    assert "7.0.1 (2c)" in ctl(url, "sys", "status").output


def test_a_failed_upgrade_exits_1(url: str, feed: Served) -> None:
    feed.files["/s20-7.0.1.bin"] = IMAGE[:-1] + b"!"
    result = CliRunner().invoke(cli, ["--url", url, "--password", PASSWORD, "sys", "upgrade"])
    assert result.exit_code == 1
    assert "upgrade failed: the image's SHA-256 does not match the feed's" in result.output
    # A custom image from any http(s) URL is not held to the feed's promise.
    feed.files["/custom.bin"] = b"S20-SIM-FIRMWARE 2c 7.0.2-rc1\n"
    out = ctl(url, "sys", "upgrade", "--url", feed.url("/custom.bin")).output
    assert out.endswith(f"upgraded to {feed.url('/custom.bin')}; the device restarts\n")


def test_time_log_cert_export_import(url: str, tmp_path: Path, feed: Served) -> None:
    out = ctl(url, "sys", "time", "--sntp", "ntp.example.org", "--timezone", "UTC+8").output
    assert out.startswith("SNTP server ntp.example.org, UTC+8, local time ")
    assert "UTC-5" in ctl(url, "sys", "time", "--timezone", "-5").output
    log = ctl(url, "sys", "log").output
    assert "device initialized" in log

    pem = tmp_path / "ca.pem"
    pem.write_bytes(CA().pem)
    feed.files["/ca.pem"] = CA("another CA").pem
    assert ctl(url, "sys", "cert", str(pem)).output == "CA certificates updated\n"
    assert ctl(url, "sys", "cert", feed.url("/ca.pem")).output == "CA certificates updated\n"
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate\n")
    refused = CliRunner().invoke(
        cli, ["--url", url, "--password", PASSWORD, "sys", "cert", str(bad)]
    )
    assert isinstance(refused.exception, S20Error)  # `s20ctl` prints it as "error -32602: ..."
    assert (refused.exception.code, refused.exception.err_msg) == (
        -32602,
        "file must be X.509 certificates in PEM",
    )

    exported = ctl(url, "sys", "export").output
    document = json.loads(exported)
    assert document["sntp_cfg"] == {"sntp_srv": "ntp.example.org", "time_zone": "UTC-5"}
    saved = tmp_path / "cfg.json"
    document["sntp_cfg"]["time_zone"] = "UTC+3"
    saved.write_text(json.dumps(document))
    assert ctl(url, "sys", "import", str(saved)).output == f"imported {saved}\n"
    assert json.loads(ctl(url, "sys", "export").output) == document
