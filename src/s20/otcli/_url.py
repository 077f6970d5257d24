"""Radio URLs: where the Thread radio's CLI is, as one configuration string."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl

from ._serial import SerialTransport
from ._transport import ExecTransport, Transport, UnixTransport

__all__ = ["DEFAULT_BAUD", "RadioUrl", "open_transport", "parse_radio_url"]

DEFAULT_BAUD = 115200
Scheme = Literal["unix", "exec", "serial", "sim"]
_EXAMPLES = (
    "unix:/run/openthread-wpan0.sock, exec:ot-cli-ftd 1, "
    "serial:/dev/ttyACM0?baud=115200, sim: or sim:path/to/scenario.toml"
)


@dataclass(frozen=True, slots=True)
class RadioUrl:
    """A parsed radio URL.

    `path` is the socket path (unix), the device (serial) or the scenario file (sim,
    empty for the built-in one); `argv` is the command line (exec).
    """

    scheme: Scheme
    path: str = ""
    argv: tuple[str, ...] = ()
    baud: int = DEFAULT_BAUD

    def __str__(self) -> str:
        if self.scheme == "exec":
            return f"exec:{shlex.join(self.argv)}"
        if self.scheme == "serial":
            return f"serial:{self.path}?baud={self.baud}"
        return f"{self.scheme}:{self.path}"


def parse_radio_url(url: str) -> RadioUrl:
    """Parse `unix:`, `exec:`, `serial:` and `sim:` URLs; raise ValueError with the reason."""
    scheme, colon, rest = url.partition(":")
    scheme = scheme.strip().lower()
    if not colon:
        raise ValueError(f"radio URL {url!r} has no scheme; expected one of: {_EXAMPLES}")
    if scheme == "unix":
        if not rest or "\0" in rest:
            raise ValueError(f"radio URL {url!r}: unix: needs a socket path")
        return RadioUrl("unix", path=rest)
    if scheme == "exec":
        try:
            argv = tuple(shlex.split(rest))
        except ValueError as exc:
            raise ValueError(f"radio URL {url!r}: cannot split the command line: {exc}") from exc
        if not argv:
            raise ValueError(f"radio URL {url!r}: exec: needs a command to run")
        return RadioUrl("exec", argv=argv)
    if scheme == "serial":
        device, _, query = rest.partition("?")
        if not device:
            raise ValueError(f"radio URL {url!r}: serial: needs a device such as /dev/ttyACM0")
        return RadioUrl("serial", path=device, baud=_parse_baud(url, query))
    if scheme == "sim":
        return RadioUrl("sim", path=rest)
    raise ValueError(f"radio URL {url!r}: unknown scheme {scheme!r}; expected one of: {_EXAMPLES}")


def _parse_baud(url: str, query: str) -> int:
    if not query:
        return DEFAULT_BAUD
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError as exc:
        raise ValueError(f"radio URL {url!r}: bad query {query!r}") from exc
    baud = DEFAULT_BAUD
    for key, value in pairs:
        if key != "baud":
            raise ValueError(f"radio URL {url!r}: unknown option {key!r}; only baud= is known")
        if not (value.isascii() and value.isdigit()) or int(value) <= 0:
            raise ValueError(f"radio URL {url!r}: baud must be a positive integer, not {value!r}")
        baud = int(value)
    return baud


def open_transport(url: RadioUrl) -> Transport:
    """Return the transport for a unix, exec or serial URL (`sim:` belongs to s20.sim)."""
    if url.scheme == "unix":
        return UnixTransport(url.path)
    if url.scheme == "exec":
        return ExecTransport(url.argv)
    if url.scheme == "serial":
        return SerialTransport(url.path, url.baud)
    raise ValueError(f"{url}: the simulated radio is created by s20.sim, not by open_transport()")
