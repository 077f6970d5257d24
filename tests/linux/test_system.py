"""The Linux system drivers: timedated, timesyncd's drop-in, logind, the host's files, checks."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from s20.clock import SystemClock
from s20.drivers import Hardware, Memory, TimeSettings
from s20.drivers.linux import (
    NM_NOT_RUNNING,
    NO_INSTALLER,
    Bus,
    CommandInstaller,
    HostPaths,
    LinuxPing,
    LinuxTime,
    _ping,
    check_host,
    parse_journal,
    zone_name,
)
from s20.drivers.linux._checks import NM_ACTIONS
from s20.drivers.linux._facts import LinuxFacts, read_hardware
from s20.drivers.linux._restart import LogindRestarter
from s20.drivers.system import FirmwareRejected

from .doubles import Doubles, mock_call, private_bus
from .furnish import SYSTEMD

TIMEDATE = ("org.freedesktop.timedate1", "/org/freedesktop/timedate1")
LOGIN = ("org.freedesktop.login1", "/org/freedesktop/login1")
IFACES = {"--eth-iface": "eth0", "--wifi-iface": "wlan0"}


@pytest.mark.parametrize(
    ("offset", "zone"), [(8, "Etc/GMT-8"), (-5, "Etc/GMT+5"), (0, "Etc/UTC"), (14, "Etc/GMT-14")]
)
def test_whole_hour_offsets_map_to_posix_signed_zones(offset: int, zone: str) -> None:
    assert zone_name(offset) == zone


async def test_time_goes_to_timedated_and_timesyncd(bus: Bus, tmp_path: Path) -> None:
    await mock_call(
        bus,
        SYSTEMD,
        "AddMethod",
        "sssss",
        "org.freedesktop.systemd1.Manager",
        "RestartUnit",
        "ss",
        "o",
        "ret = dbus.ObjectPath('/org/freedesktop/systemd1/job/1')",
    )
    time = LinuxTime(bus, HostPaths(tmp_path))
    time.apply(TimeSettings("ntp.example.org", 8))
    await time.settled()
    dropin = tmp_path / "etc/systemd/timesyncd.conf.d/s20.conf"
    assert "[Time]\nNTP=ntp.example.org\n" in dropin.read_text()
    assert await bus.get(*TIMEDATE, "org.freedesktop.timedate1", "Timezone") == "Etc/GMT-8"
    (calls,) = await mock_call(bus, SYSTEMD, "GetMethodCalls", "s", "RestartUnit")
    assert [v.value for v in calls[-1][1]] == ["systemd-timesyncd.service", "replace"]
    assert time.applied() == TimeSettings("ntp.example.org", 8)


async def test_restart_asks_logind_to_reboot(bus: Bus) -> None:
    await LogindRestarter(bus).reboot()
    (calls,) = await mock_call(bus, LOGIN, "GetMethodCalls", "s", "Reboot")
    assert [v.value for v in calls[-1][1]] == [False]


def test_memory_macs_and_serial_come_from_the_host(tmp_path: Path) -> None:
    (tmp_path / "proc").mkdir()
    (tmp_path / "proc/meminfo").write_text(
        "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 600 kB\n"
    )
    for iface, mac in (("eth0", "DC:A6:32:01:02:03"), ("wlan0", "dc:a6:32:01:02:04")):
        (tmp_path / "sys/class/net" / iface).mkdir(parents=True)
        (tmp_path / "sys/class/net" / iface / "address").write_text(mac + "\n")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc/machine-id").write_text("0123456789abcdef0123456789abcdef\n")
    paths = HostPaths(tmp_path)
    assert LinuxFacts(paths).memory() == Memory(1000 * 1024, 600 * 1024)
    assert read_hardware(paths, "eth0", "wlan0") == Hardware(
        "dc:a6:32:01:02:03", "dc:a6:32:01:02:04", "0123456789abcdef0123456789abcdef"
    )
    (tmp_path / "proc/device-tree").mkdir()
    (tmp_path / "proc/device-tree/serial-number").write_bytes(b"10000000abcdef01\0")
    assert read_hardware(paths, "eth1", "wlan0") == Hardware(
        None, "dc:a6:32:01:02:04", "10000000abcdef01"
    )


def test_journal_lines_are_parsed_with_their_time() -> None:
    rows = [
        {"__REALTIME_TIMESTAMP": "1700000000500000", "MESSAGE": "device started"},
        {"__REALTIME_TIMESTAMP": "1700000001000000", "MESSAGE": [104, 105, 255]},
        {"MESSAGE": "no time"},
        {"__REALTIME_TIMESTAMP": "1700000002000000", "MESSAGE": "mine", "_PID": "4242"},
    ]
    output = "\n".join(json.dumps(row) for row in rows) + "\nnot json\n"
    lines = parse_journal(output, skip_pid=4242)
    assert [(line.time, line.text) for line in lines] == [
        (1700000000.5, "device started"),
        (1700000001.0, "hi\ufffd"),
    ]
    assert parse_journal(output)[-1].text == "mine"


def test_firmware_installer_runs_the_command_and_reports_its_error(tmp_path: Path) -> None:
    image = tmp_path / "s20.deb"
    image.write_bytes(b"package")
    with pytest.raises(FirmwareRejected, match=r"^no firmware installer is configured"):
        CommandInstaller(None).install(image)
    assert NO_INSTALLER.endswith("(--firmware-installer)")
    record = tmp_path / "installed"
    good = tmp_path / "good.py"
    good.write_text(f"import shutil, sys\nshutil.copy(sys.argv[1], {str(record)!r})\n")
    CommandInstaller(f"{sys.executable} {good}").install(image)
    assert record.read_bytes() == b"package"
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nprint('first', file=sys.stderr)\nsys.exit('dpkg: broken')\n")
    with pytest.raises(FirmwareRejected, match=r"failed: dpkg: broken$"):
        CommandInstaller(f"{sys.executable} {bad}").install(image)
    assert CommandInstaller(None).current().type == "linux"


async def test_checks_name_every_missing_piece(doubles: Doubles, tmp_path: Path) -> None:
    socket = tmp_path / "openthread-wpan9.sock"
    bus = Bus(doubles.address)
    try:
        problems = await check_host(bus, socket, {**IFACES, "--wifi-iface": "wlan9"})
    finally:
        bus.close()
    assert problems == [
        f"otbr-agent socket not found at {socket}",
        "NetworkManager has no interface wlan9 (--wifi-iface)",
    ]
    with private_bus() as empty:
        bus = Bus(empty)
        try:
            assert await check_host(bus, None, IFACES) == [NM_NOT_RUNNING]
        finally:
            bus.close()
    bus = Bus("unix:path=/nonexistent/bus")
    problems = await check_host(bus, None, IFACES)
    assert problems[0].startswith(NM_NOT_RUNNING + " (the system bus cannot be reached")


def test_the_polkit_rule_allows_what_the_checks_require() -> None:
    rules = (Path(__file__).resolve().parents[2] / "contrib/polkit/50-s20d.rules").read_text()
    for action in (
        *NM_ACTIONS,
        "org.freedesktop.timedate1.set-timezone",
        "org.freedesktop.login1.reboot",
    ):
        assert f'"{action}"' in rules
    assert 'subject.user !== "s20d"' in rules


async def test_checks_name_a_permission_polkit_refuses(bus: Bus) -> None:
    nm = ("org.freedesktop.NetworkManager", "/org/freedesktop/NetworkManager")
    refused = "ret = {'org.freedesktop.NetworkManager.network-control': 'no'}"
    await mock_call(bus, nm, "AddMethod", "sssss", nm[0], "GetPermissions", "", "a{ss}", refused)
    try:
        problems = await check_host(bus, None, IFACES)
    finally:
        await mock_call(
            bus, nm, "AddMethod", "sssss", nm[0], "GetPermissions", "", "a{ss}", "ret = {}"
        )
    assert problems == [
        "no permission to use NetworkManager's org.freedesktop.NetworkManager.network-control "
        "(install contrib/polkit/50-s20d.rules)"
    ]


async def test_without_icmp_sockets_the_ping_tool_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("ping") is None:
        reason = "the ping tool is missing (apt-get install iputils-ping)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # As for a process outside ping_group_range and without CAP_NET_RAW.
    monkeypatch.setattr(_ping, "_open_socket", lambda device, v6: None)
    ping = LinuxPing({"eth": "lo", "wifi": "lo"}, SystemClock())
    assert await ping.ping("eth", "127.0.0.1", 2.0) is True
