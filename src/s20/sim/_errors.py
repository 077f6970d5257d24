"""Errors of the simulated world, and the OpenThread error codes the virtual CLI prints."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["CliError", "OtError", "ScenarioError", "SimError", "SocketPathError"]


class OtError(IntEnum):
    """OpenThread's `otError` numbers; the CLI prints them as `Error <n>: <Name>`."""

    NO_BUFS = 3
    BUSY = 5
    PARSE = 6
    INVALID_ARGS = 7
    SECURITY = 8
    NOT_IMPLEMENTED = 12
    INVALID_STATE = 13
    DETACHED = 16
    NOT_FOUND = 23
    ALREADY = 24
    INVALID_COMMAND = 35

    @property
    def text(self) -> str:
        """Return the name `otThreadErrorToString` gives this code."""
        return _NAMES[self]


_NAMES: dict[OtError, str] = {
    OtError.NO_BUFS: "NoBufs",
    OtError.BUSY: "Busy",
    OtError.PARSE: "Parse",
    OtError.INVALID_ARGS: "InvalidArgs",
    OtError.SECURITY: "Security",
    OtError.NOT_IMPLEMENTED: "NotImplemented",
    OtError.INVALID_STATE: "InvalidState",
    OtError.DETACHED: "Detached",
    OtError.NOT_FOUND: "NotFound",
    OtError.ALREADY: "Already",
    OtError.INVALID_COMMAND: "InvalidCommand",
}


class SimError(Exception):
    """Base of every error raised by `s20.sim`."""


class ScenarioError(SimError, ValueError):
    """A scenario file or mapping is malformed; `key` is the path to the bad value."""

    def __init__(self, key: str, reason: str, *, source: str = "") -> None:
        self.key = key
        self.reason = reason
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{key}: {reason}" if key else f"{where}{reason}")


class CliError(SimError):
    """A CLI command failed; the node prints `Error <code>: <Name>` for it."""

    def __init__(self, error: OtError) -> None:
        self.error = error
        super().__init__(f"Error {int(error)}: {error.text}")


class SocketPathError(SimError):
    """The CLI socket cannot be served at this path (in use, not a socket, unusable)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
