"""HTTP(S) downloads for the device: size-capped, with timeouts, over the trusted CAs."""

from __future__ import annotations

import contextlib
import hashlib
import os
import ssl
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx

__all__ = ["DownloadError", "Downloaded", "Downloader", "check_url"]

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
_CHUNK = 64 * 1024


class DownloadError(Exception):
    """A download failed; the message says why, for `fail_msg` or `err_msg`."""


@dataclass(frozen=True)
class Downloaded:
    """What landed in a file: its size and its SHA-256, hex."""

    size: int
    sha256: str

    @classmethod
    def of(cls, content: bytes) -> Downloaded:
        """Describe `content` as if it had been downloaded."""
        return cls(len(content), hashlib.sha256(content).hexdigest())


def check_url(value: object) -> str:
    """Return an http or https URL with a host; anything else breaks the rule."""
    rule = "must be an http or https URL"
    if not isinstance(value, str) or any(c.isspace() for c in value):
        raise ValueError(rule)
    try:
        parts = urllib.parse.urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        raise ValueError(rule) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ValueError(rule)
    return value


class Downloader:
    """Fetches over http(s), trusting what `trust()` returns at the time of each download.

    Every download stops at a byte limit (a `Content-Length` over it fails at once), and
    waits at most `CONNECT_TIMEOUT` to connect and `READ_TIMEOUT` between reads. Proxy
    settings of the environment are ignored: the device fetches directly.
    """

    def __init__(
        self,
        trust: Callable[[], ssl.SSLContext],
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        self._trust = trust
        self._timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        # None: the network. A test puts a transport here to keep downloads off the network.
        self.transport: httpx.AsyncBaseTransport | None = None

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            verify=self._trust(),
            timeout=self._timeout,
            trust_env=False,
            follow_redirects=True,
            transport=self.transport,
        )

    async def fetch(self, url: str, limit: int) -> bytes:
        """Return the body at `url`, at most `limit` bytes."""
        body = bytearray()
        async with self._client() as client:
            await self._stream(client, url, limit, body.extend)
        return bytes(body)

    async def to_file(self, url: str, path: Path, limit: int) -> Downloaded:
        """Stream `url` into `path` (mode 0600); on any failure the partial file is removed."""
        digest = hashlib.sha256()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:

                def write(chunk: bytes) -> None:
                    file.write(chunk)
                    digest.update(chunk)

                async with self._client() as client:
                    size = await self._stream(client, url, limit, write)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)  # a quick local unlink: no reason to leave the loop
            raise
        return Downloaded(size, digest.hexdigest())

    async def _stream(
        self, client: httpx.AsyncClient, url: str, limit: int, sink: Callable[[bytes], None]
    ) -> int:
        size = 0
        try:
            async with client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise DownloadError(f"{url}: HTTP {response.status_code}")
                declared = response.headers.get("Content-Length")
                if declared is not None and declared.isdigit() and int(declared) > limit:
                    raise DownloadError(f"{url}: {declared} bytes is over the {limit}-byte limit")
                async for chunk in response.aiter_bytes(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise DownloadError(f"{url}: over the {limit}-byte limit")
                    sink(chunk)
        except httpx.TimeoutException:
            raise DownloadError(f"{url}: timed out") from None
        except httpx.HTTPError as exc:
            raise DownloadError(f"{url}: {exc or type(exc).__name__}") from None
        return size
