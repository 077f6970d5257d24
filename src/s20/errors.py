"""The API's error codes, as exceptions shared by the server and the client.

Every failure the device reports carries a negative `code` (docs/contract.md §2). The server
raises these and the envelope turns them into `{"code", "err_msg"}`; the client turns an
error envelope back into the same class with `S20Error.from_code()`. When no envelope comes
back at all, the client raises an `S20TransportError` instead: a separate family, so that
`except S20Error` means "the device said no".

    S20Error                    the device answered with a negative code
    ├── TokenError           -1      token missing, unknown, expired or revoked
    ├── AccessDenied         -32000  wrong password hash, nonce, user or old password
    ├── TooManyAttempts      -32003  locked out after repeated failed logins
    ├── NotInitialized       -32004  the device has no password yet
    ├── AlreadyInitialized   -32005  set_init on an initialized device
    ├── InvalidState         -32010  not allowed in the current state
    ├── Busy                 -32011  another scan, join or upgrade is running
    ├── OperationFailed      -32020  the platform (Thread stack, network, ...) failed
    ├── NotFound             -32030  the named thing does not exist
    ├── MethodNotFound       -32601  unknown path, or wrong method
    ├── InvalidParams        -32602  a request field broke a rule
    └── ParseError           -32700  the body is not a JSON object

    S20TransportError           client side: no API answer from the device
    ├── S20Unreachable          connection refused, no route, unknown name, dropped
    ├── S20Timeout              no answer in time (connecting, sending or reading)
    ├── S20TLSError             the TLS handshake or the certificate check failed
    └── S20ProtocolError        an answer, but not the API's (not JSON, no envelope)
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AccessDenied",
    "AlreadyInitialized",
    "Busy",
    "InvalidParams",
    "InvalidState",
    "MethodNotFound",
    "NotFound",
    "NotInitialized",
    "OperationFailed",
    "ParseError",
    "S20Error",
    "S20ProtocolError",
    "S20TLSError",
    "S20Timeout",
    "S20TransportError",
    "S20Unreachable",
    "TokenError",
    "TooManyAttempts",
]


class S20Error(Exception):
    """Base of every error the S20 API reports; `code` is the envelope's code."""

    code: ClassVar[int] = -32020
    default_message: ClassVar[str] = "device operation failed"
    _by_code: ClassVar[dict[int, type[S20Error]]] = {}

    def __init__(self, err_msg: str | None = None, *, code: int | None = None) -> None:
        self.err_msg = err_msg or self.default_message
        if code is not None:
            # Keeps an unknown code from a newer device intact on the client side.
            self.code = code  # type: ignore[misc]
        super().__init__(self.err_msg)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code < 0:
            S20Error._by_code.setdefault(cls.code, cls)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code}, err_msg={self.err_msg!r})"

    @staticmethod
    def from_code(code: int, err_msg: str) -> S20Error:
        """Rebuild the exception class that the server raised for `code`."""
        cls = S20Error._by_code.get(code)
        if cls is None:
            return S20Error(err_msg, code=code)
        return cls(err_msg)


class TokenError(S20Error):
    """The `Token` header is missing, unknown, expired or revoked."""

    code = -1
    default_message = "login required: the token is missing, expired or revoked"


class AccessDenied(S20Error):
    """The login or password check failed."""

    code = -32000
    default_message = "access denied"


class TooManyAttempts(S20Error):
    """Too many consecutive failed logins from this client."""

    code = -32003
    default_message = "too many failed logins"


class NotInitialized(S20Error):
    """The device has not been initialized with a password yet."""

    code = -32004
    default_message = "device not initialized: call /ui/set_init first"


class AlreadyInitialized(S20Error):
    """The device is already initialized."""

    code = -32005
    default_message = "device already initialized"


class InvalidState(S20Error):
    """The call is not allowed in the device's current state."""

    code = -32010
    default_message = "not allowed in the current state"


class Busy(S20Error):
    """Another long-running operation of the same kind is in progress."""

    code = -32011
    default_message = "busy: another operation is in progress"


class OperationFailed(S20Error):
    """A platform operation failed; the message carries the platform's reason."""

    code = -32020
    default_message = "device operation failed"


class NotFound(S20Error):
    """The named object does not exist."""

    code = -32030
    default_message = "not found"


class MethodNotFound(S20Error):
    """No such API method (unknown path or wrong HTTP method)."""

    code = -32601
    default_message = "method not found"


class InvalidParams(S20Error):
    """A request field is missing, of the wrong type, or out of range."""

    code = -32602
    default_message = "invalid params"


class ParseError(S20Error):
    """The request body is not a JSON object."""

    code = -32700
    default_message = "parse error: the body must be a JSON object"


class S20TransportError(Exception):
    """The client got no API answer from the device; `err_msg` says why."""

    def __init__(self, err_msg: str) -> None:
        self.err_msg = err_msg
        super().__init__(err_msg)


class S20Unreachable(S20TransportError):
    """The connection could not be made, or was lost before the answer."""


class S20Timeout(S20TransportError):
    """The device did not connect or answer within the client's timeout."""


class S20TLSError(S20TransportError):
    """The TLS handshake failed, or the device's certificate is not trusted."""


class S20ProtocolError(S20TransportError):
    """Something answered, but not with the API's envelope (not JSON, or no `code`)."""
