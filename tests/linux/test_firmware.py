"""A firmware upgrade on the Linux platform: the feed's image goes to the configured command."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from s20.clock import ManualClock
from s20.drivers.linux import NO_INSTALLER, CommandInstaller
from tests.api.file_server import Served, serve_files
from tests.api.test_sys_firmware import Rig, listing, rig_for

IMAGE = b"!<arch>\na Debian package, as far as s20d can tell\n"
OFFICIAL = {"official": {"type": "linux", "version": "9.9.9", "save_config": True}}


@pytest.fixture
def served() -> Iterator[Served]:
    with serve_files() as files:
        files.files["/s20_9.9.9_all.deb"] = IMAGE
        yield files


@asynccontextmanager
async def rig(tmp_path: Path, served: Served, installer: str | None) -> AsyncIterator[Rig]:
    """A device whose firmware installer is the Linux platform's, with `installer`."""
    feed = served.url("/feed.json")
    async with rig_for(tmp_path, ManualClock(), served, feed, CommandInstaller(installer)) as made:
        made.feed(listing(served, "/s20_9.9.9_all.deb", IMAGE, "linux", "9.9.9"))
        yield made


def script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "install.py"
    path.write_text("import shutil, sys\n" + body)
    return f"{sys.executable} {path}"


async def test_the_feeds_image_is_installed_by_the_command(tmp_path: Path, served: Served) -> None:
    record = tmp_path / "installed.deb"
    installer = script(tmp_path, f"shutil.copy(sys.argv[1], {str(record)!r})\n")
    async with rig(tmp_path, served, installer) as made:
        assert await made.current() == {
            "current_firmware_type": "linux",
            "current_firmware_version": made.device.firmware_version,
        }
        await made.ok("POST", "/sys/upgrade_online_firmware", OFFICIAL)
        assert await made.settle() == {"status": 0, "fail_msg": ""}
    assert record.read_bytes() == IMAGE


@pytest.mark.parametrize(
    ("body", "fail_msg"),
    [
        (
            "print('unpacking', file=sys.stderr)\nsys.exit('dpkg: error: broken package')\n",
            "the firmware installer failed: dpkg: error: broken package",
        ),
        (None, NO_INSTALLER),
    ],
)
async def test_a_refusing_or_missing_installer_fails_the_upgrade(
    tmp_path: Path, served: Served, body: str | None, fail_msg: str
) -> None:
    installer = script(tmp_path, body) if body else None
    async with rig(tmp_path, served, installer) as made:
        await made.ok("POST", "/sys/upgrade_online_firmware", OFFICIAL)
        assert await made.settle() == {"status": 1, "fail_msg": fail_msg}
