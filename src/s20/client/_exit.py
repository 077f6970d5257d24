"""`s20ctl`'s exit statuses, and the one line that says what failed.

    0  ok
    1  the device refused (an API code < 0 not listed below)
    2  usage: bad flags or arguments, or a bad profile (click's own status)
    3  authentication: wrong password (-32000) or no valid session (-1)
    4  locked out after too many failed logins (-32003)
    5  no API answer: unreachable, timeout, TLS, or not the S20 API

With several devices the worst status wins, in the order 5 > 4 > 3 > 2 > 1 > 0.
"""

from __future__ import annotations

import re

from s20.errors import (
    AccessDenied,
    S20Error,
    S20ProtocolError,
    S20Timeout,
    S20TLSError,
    S20TransportError,
    TokenError,
    TooManyAttempts,
)

from ._profiles import ProfileError

__all__ = [
    "EXIT_AUTH",
    "EXIT_DEVICE",
    "EXIT_LOCKED",
    "EXIT_OK",
    "EXIT_UNREACHABLE",
    "EXIT_USAGE",
    "FAILURES",
    "describe",
    "exit_status",
    "headline",
    "worst",
]

EXIT_OK = 0
EXIT_DEVICE = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_LOCKED = 4
EXIT_UNREACHABLE = 5
# Worst first: what a run over several devices exits with when any of them had it.
_SEVERITY = (EXIT_UNREACHABLE, EXIT_LOCKED, EXIT_AUTH, EXIT_USAGE, EXIT_DEVICE, EXIT_OK)
# How long the device locks a client out after its fifth wrong password.
LOCKOUT_SECONDS = 300

FAILURES = (S20Error, S20TransportError, ProfileError)
_TRANSPORT_KIND = (
    (S20Timeout, "timeout"),
    (S20TLSError, "TLS error"),
    (S20ProtocolError, "not the S20 API"),
    (S20TransportError, "unreachable"),
)


def exit_status(exc: BaseException) -> int:
    """Return the exit status for a failure."""
    if isinstance(exc, S20TransportError):
        return EXIT_UNREACHABLE
    if isinstance(exc, TooManyAttempts):
        return EXIT_LOCKED
    if isinstance(exc, AccessDenied | TokenError):
        return EXIT_AUTH
    if isinstance(exc, ProfileError):
        return EXIT_USAGE
    return EXIT_DEVICE


def worst(statuses: list[int]) -> int:
    """Return the status a run over several devices exits with."""
    return next((s for s in _SEVERITY if s in statuses), EXIT_OK)


def headline(exc: BaseException) -> str:
    """Say in a word or two what failed, for a table cell."""
    if isinstance(exc, S20TransportError):
        return next(name for cls, name in _TRANSPORT_KIND if isinstance(exc, cls))
    if isinstance(exc, TooManyAttempts):
        return "locked out"
    if isinstance(exc, S20Error):
        return f"error {exc.code}"
    return "bad profile"


def describe(exc: BaseException) -> str:
    """Say in one line what failed: the code and the device's words, or the way there."""
    if isinstance(exc, S20TransportError):
        kind = next(name for cls, name in _TRANSPORT_KIND if isinstance(exc, cls))
        return f"{kind}: {exc.err_msg}"
    if isinstance(exc, TooManyAttempts):
        wait = "" if re.search(r"\d", exc.err_msg) else f"; wait up to {LOCKOUT_SECONDS} s"
        return f"locked out: error {exc.code}: {exc.err_msg}{wait}"
    if isinstance(exc, S20Error):
        return f"error {exc.code}: {exc.err_msg}"
    if isinstance(exc, ProfileError):
        return exc.format_message()
    return str(exc)
