"""Firmware: the feed, one upgrade at a time (download, verify, install), then a restart."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from s20.clock import Clock, Timer
from s20.drivers import BuiltinFeed, Firmware, FirmwareImage, FirmwareInstaller, FirmwareRejected
from s20.errors import Busy, InvalidParams, OperationFailed

from ._download import Downloaded, Downloader, DownloadError, check_url
from ._fields import Fields

__all__ = [
    "MAX_FEED",
    "RESTART_DELAY",
    "FirmwareService",
    "UpgradeStatus",
    "parse_feed",
]

log = logging.getLogger(__name__)

MAX_FEED = 1 << 20  # a manifest lists a few images; a megabyte is plenty
RESTART_DELAY = 2.0  # seconds between "upgrade successful" and the restart, to be seen
PART_FILE = "firmware.part"
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_BUILTIN = "builtin:"


class UpgradeStatus:
    """`check_upgrade_status` values."""

    DONE = 0
    FAILED = 1
    RUNNING = 2


def _sha256(value: object) -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise ValueError("must be 64 hex digits")
    return value.lower()


def parse_feed(data: bytes) -> list[FirmwareImage]:
    """Read a feed manifest: `{"images": [{"type", "version", "url", "sha256", "size"}]}`.

    `type`, `version` and `url` (http or https) are required; `sha256` and `size` are
    checked against the download when given.
    """
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise InvalidParams("firmware feed must be a JSON object") from None
    feed = Fields(document, "firmware feed")
    images = []
    for n, entry in enumerate(feed.array("images", 1000)):
        image = Fields(entry, f"firmware feed images[{n}]")
        images.append(
            FirmwareImage(
                Firmware(image.string("type"), image.string("version")),
                image.rule("url", check_url),
                image.rule("sha256", _sha256) if image.has("sha256") else None,
                image.integer("size", 1, 1 << 40) if image.has("size") else None,
            )
        )
    return images


@dataclass
class _Outcome:
    status: int = UpgradeStatus.FAILED
    fail_msg: str = "no upgrade has been started"


class FirmwareService:
    """Checks the feed and runs upgrades, one at a time.

    An upgrade streams the image to the state folder (never past the installer's
    `max_size`), checks the size and SHA-256 the feed gave, lets the installer inspect and
    install it, and then, after `RESTART_DELAY` on the clock, calls `restart(keep_config)`.
    Any failure leaves status 1 with `fail_msg`, the running firmware as it was and no
    partial file behind.
    """

    def __init__(
        self,
        clock: Clock,
        installer: FirmwareInstaller,
        downloader: Downloader,
        work_dir: Path,
        restart: Callable[[bool], Awaitable[None]],
        *,
        feed_url: str | None = None,
        builtin: BuiltinFeed | None = None,
    ) -> None:
        self._clock = clock
        self._installer = installer
        self._downloader = downloader
        self._part = work_dir / PART_FILE
        self._restart = restart
        self._feed_url = feed_url
        self._builtin = builtin
        self._outcome = _Outcome()
        self._task: asyncio.Task[None] | None = None
        self._timer: Timer | None = None
        self._restarting: asyncio.Task[None] | None = None

    def current(self) -> dict[str, str]:
        """Answer `/sys/check_current_firmware`."""
        running = self._installer.current()
        return {"current_firmware_type": running.type, "current_firmware_version": running.version}

    async def feed(self) -> list[FirmwareImage]:
        """Return the images the feed lists (the platform's own without a feed URL)."""
        if self._feed_url is None:
            if self._builtin is None:
                raise OperationFailed("no firmware feed is configured (s20d --firmware-feed)")
            return self._builtin.images()
        try:
            data = await self._downloader.fetch(self._feed_url, MAX_FEED)
        except DownloadError as exc:
            raise OperationFailed(f"cannot read the firmware feed: {exc}") from None
        return parse_feed(data)

    async def check_online(self) -> dict[str, Any]:
        """Answer `/sys/check_online_firmware`."""
        listed = [
            {"type": image.firmware.type, "version": image.firmware.version}
            for image in await self.feed()
        ]
        return {"online_firmware_list": listed}

    def status(self) -> dict[str, Any]:
        """Answer `/sys/check_upgrade_status`: 2 running, 1 failed (`fail_msg`), 0 done."""
        if self._task is not None and not self._task.done():
            return {"status": UpgradeStatus.RUNNING, "fail_msg": ""}
        return {"status": self._outcome.status, "fail_msg": self._outcome.fail_msg}

    @property
    def busy(self) -> bool:
        """Tell whether an upgrade is running, or done and waiting for its restart."""
        running = self._task is not None and not self._task.done()
        return running or self._timer is not None

    async def upgrade(self, given: dict[str, Any]) -> None:
        """Start `{official: {type, version, save_config}}` or `{custom: {url}}`."""
        fields = Fields(given, "")
        if fields.has("official") == fields.has("custom"):
            raise InvalidParams("give exactly one of official and custom")
        if fields.has("custom"):
            url = fields.obj("custom").rule("url", check_url)
            self._require_idle()
            self._start(FirmwareImage(Firmware("", ""), url), expected=None, keep_config=True)
            return
        official = fields.obj("official")
        wanted = Firmware(official.string("type"), official.string("version"))
        keep_config = official.boolean("save_config")
        self._require_idle()
        for image in await self.feed():
            if image.firmware == wanted:
                self._require_idle()  # another upgrade may have started while we read
                self._start(image, expected=wanted, keep_config=keep_config)
                return
        raise InvalidParams(
            f"official.version: the feed lists no {wanted.type} image of version {wanted.version}"
        )

    def _require_idle(self) -> None:
        if self.busy:
            raise Busy("a firmware upgrade is already running")

    def _start(self, image: FirmwareImage, *, expected: Firmware | None, keep_config: bool) -> None:
        self._outcome = _Outcome(UpgradeStatus.RUNNING, "")
        self._task = asyncio.get_running_loop().create_task(self._run(image, expected, keep_config))

    async def _run(self, image: FirmwareImage, expected: Firmware | None, keep: bool) -> None:
        log.info("firmware upgrade: fetching %s", image.url)
        try:
            installed = await self._fetch_and_install(image, expected)
        except (DownloadError, FirmwareRejected, OSError) as exc:
            self._outcome = _Outcome(UpgradeStatus.FAILED, str(exc))
            log.warning("firmware upgrade failed: %s", exc)
            return
        except Exception:
            # Whatever went wrong, the status must not stay at 2 ("upgrading") for ever.
            log.exception("firmware upgrade failed unexpectedly")
            self._outcome = _Outcome(UpgradeStatus.FAILED, "internal error; see the device log")
            return
        finally:
            await asyncio.to_thread(self._part.unlink, missing_ok=True)
        self._outcome = _Outcome(UpgradeStatus.DONE, "")
        log.info(
            "firmware %s %s installed; restarting in %.0f s%s",
            installed.type,
            installed.version,
            RESTART_DELAY,
            "" if keep else " with factory settings",
        )
        self._timer = self._clock.call_later(RESTART_DELAY, lambda: self._restart_now(keep))

    def _restart_now(self, keep: bool) -> None:
        async def restart() -> None:
            try:
                await self._restart(keep)
            finally:
                self._timer = None

        self._restarting = asyncio.get_running_loop().create_task(restart())

    async def _fetch_and_install(self, image: FirmwareImage, expected: Firmware | None) -> Firmware:
        got = await self._fetch(image)
        if image.size is not None and got.size != image.size:
            raise DownloadError(f"the image is {got.size} bytes; the feed said {image.size}")
        if image.sha256 is not None and got.sha256 != image.sha256:
            raise DownloadError("the image's SHA-256 does not match the feed's")
        found = await asyncio.to_thread(self._installer.inspect, self._part)
        # An empty version: the installer cannot read one; the feed's checked listing says.
        if expected is not None and found not in (expected, Firmware(expected.type, "")):
            raise FirmwareRejected(
                f"the image holds {found.type} {found.version}, "
                f"not the {expected.type} {expected.version} the feed listed"
            )
        return await asyncio.to_thread(self._installer.install, self._part)

    async def _fetch(self, image: FirmwareImage) -> Downloaded:
        limit = self._installer.max_size
        if self._builtin is not None and image.url.startswith(_BUILTIN):
            content = self._builtin.content(image)
            if len(content) > limit:
                raise DownloadError(f"{image.url}: over the {limit}-byte limit")
            await asyncio.to_thread(_write_private, self._part, content)
            return Downloaded.of(content)
        return await self._downloader.to_file(image.url, self._part, limit)

    async def close(self) -> None:
        """Cancel a running upgrade or a pending restart (the device is shutting down)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


def _write_private(path: Path, content: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(content)
