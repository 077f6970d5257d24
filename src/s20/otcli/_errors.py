"""Errors raised while talking to an OpenThread CLI."""

from __future__ import annotations

from enum import IntEnum

__all__ = [
    "OtCliConnectionError",
    "OtCliError",
    "OtCliParseError",
    "OtCliTimeout",
    "OtErrorCode",
    "RadioError",
]


class OtErrorCode(IntEnum):
    """OpenThread's `otError` numbers, as printed in `Error <n>: <Name>`."""

    FAILED = 1
    DROP = 2
    NO_BUFS = 3
    NO_ROUTE = 4
    BUSY = 5
    PARSE = 6
    INVALID_ARGS = 7
    SECURITY = 8
    ADDRESS_QUERY = 9
    NO_ADDRESS = 10
    ABORT = 11
    NOT_IMPLEMENTED = 12
    INVALID_STATE = 13
    NO_ACK = 14
    CHANNEL_ACCESS_FAILURE = 15
    DETACHED = 16
    FCS_ERR = 17
    NO_FRAME_RECEIVED = 18
    UNKNOWN_NEIGHBOR = 19
    INVALID_SOURCE_ADDRESS = 20
    ADDRESS_FILTERED = 21
    DESTINATION_ADDRESS_FILTERED = 22
    NOT_FOUND = 23
    ALREADY = 24
    IP6_ADDRESS_CREATION_FAILURE = 26
    NOT_CAPABLE = 27
    RESPONSE_TIMEOUT = 28
    DUPLICATED = 29
    REASSEMBLY_TIMEOUT = 30
    NOT_TMF = 31
    NOT_LOWPAN_DATA_FRAME = 32
    LINK_MARGIN_LOW = 34
    INVALID_COMMAND = 35
    PENDING = 36
    REJECTED = 37
    GENERIC = 255


class RadioError(Exception):
    """Base of every failure to get an answer from the Thread radio."""


class OtCliError(RadioError):
    """The CLI refused a command with `Error <code>: <name>`."""

    def __init__(self, code: int, name: str, command: str | None = None) -> None:
        self.code = code
        self.name = name
        self.command = command
        where = f" (command: {command})" if command is not None else ""
        super().__init__(f"Error {code}: {name}{where}")

    def __repr__(self) -> str:
        return f"OtCliError(code={self.code}, name={self.name!r}, command={self.command!r})"


class OtCliTimeout(RadioError):
    """A command got no `Done` or `Error` line in time."""


class OtCliConnectionError(RadioError):
    """The connection to the CLI is down, was lost mid-command, or the client is closed."""


class OtCliParseError(RadioError, ValueError):
    """A command's output does not have the expected shape."""
