"""Ping and failover for real: veth pairs into network namespaces this test creates.

The device's namespace has `s20eth` (to the "wan1" namespace) and `s20wifi` (to "wan2");
every address lives inside those namespaces. Needs root and `ip`; skips without them,
fails under CI.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _need_namespaces() -> None:
    reason = None
    if shutil.which("ip") is None:
        reason = "the ip tool is missing (apt-get install iproute2)"
    elif os.geteuid() != 0:
        reason = "network namespaces need root"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def ip(*args: str, netns: str | None = None) -> None:
    prefix = ["ip", "netns", "exec", netns] if netns else []
    subprocess.run([*prefix, "ip", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def device_ns() -> Iterator[str]:
    """Make the device's namespace and two uplink namespaces; yield the device's."""
    _need_namespaces()
    tag = secrets.token_hex(3)
    dev, wan1, wan2 = f"s20dev-{tag}", f"s20wan1-{tag}", f"s20wan2-{tag}"
    made: list[str] = []
    try:
        for ns in (dev, wan1, wan2):
            ip("netns", "add", ns)
            made.append(ns)
            ip("link", "set", "lo", "up", netns=ns)
        uplinks = (
            ("s20eth", wan1, "10.77.1", "fd77:1::"),
            ("s20wifi", wan2, "10.77.2", "fd77:2::"),
        )
        for local, wan, subnet, subnet6 in uplinks:
            ip(
                "link",
                "add",
                local,
                "netns",
                dev,
                "type",
                "veth",
                "peer",
                "name",
                "up0",
                "netns",
                wan,
            )
            ip("addr", "add", f"{subnet}.2/24", "dev", local, netns=dev)
            ip("addr", "add", f"{subnet}.1/24", "dev", "up0", netns=wan)
            # nodad: the addresses are usable at once, not after duplicate detection.
            ip("addr", "add", f"{subnet6}2/64", "dev", local, "nodad", netns=dev)
            ip("addr", "add", f"{subnet6}1/64", "dev", "up0", "nodad", netns=wan)
            ip("link", "set", local, "up", netns=dev)
            ip("link", "set", "up0", "up", netns=wan)
        yield dev
    finally:
        for ns in made:
            subprocess.run(["ip", "netns", "delete", ns], check=False, capture_output=True)


def test_pings_go_through_the_named_interface_and_failover_follows(
    device_ns: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            device_ns,
            sys.executable,
            "-m",
            "tests.linux.netns_probe",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["eth_peer"] is True
    assert result["wifi_peer"] is True
    # Bound to s20eth, the other uplink's address is unreachable.
    assert result["wifi_peer_through_eth"] is False
    assert result["eth_peer6"] is True
    assert result["wifi_peer6_through_eth"] is False
    assert result["steps"] == [
        ["start", "eth", "eth"],
        ["eth down", "wifi", "wifi"],
        ["eth up", "eth", "eth"],
    ]
