"""Responses in otbr-agent's shapes: its headers in its order, its error bodies."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

from ._cjson import JsonValue, cjson

__all__ = [
    "CORS_HEADERS",
    "JSON",
    "JSON_API",
    "TEXT",
    "Response",
    "content",
    "empty",
    "error",
]

JSON = b"application/json"
JSON_API = b"application/vnd.api+json"
TEXT = b"text/plain"

# Every answer carries these, after Content-Length, as the agent sends them.
CORS_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"Access-Control-Allow-Origin", b"*"),
    (b"Access-Control-Allow-Methods", b"DELETE, GET, OPTIONS, POST"),
    (
        b"Access-Control-Allow-Headers",
        b"Origin, Accept, X-Requested-With, Content-Type, Access-Control-Request-Method, "
        b"Access-Control-Request-Headers",
    ),
)
# The agent names these methods on its 405 and 409 answers, whatever the resource.
_ALLOW = (b"Allow", b"GET, POST, DELETE, OPTIONS")
_ALLOW_DETAILS = "method not supported"


@dataclass(frozen=True, slots=True)
class Response:
    """A status, the headers before Content-Length, and the body."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[bytes, bytes], ...] = ()

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """Return every header in the agent's order."""
        length = (b"Content-Length", str(len(self.body)).encode("ascii"))
        return [*self.headers, length, *CORS_HEADERS]


def content(value: JsonValue | bytes, content_type: bytes = JSON) -> Response:
    """Return 200 with a body: JSON as cJSON prints it, or bytes as they are."""
    body = value if isinstance(value, bytes) else cjson(value)
    return Response(200, body, ((b"Content-Type", content_type),))


def empty(status: int = 200) -> Response:
    """Return a status with no body (a write that worked, or 204 for no dataset)."""
    return Response(status)


def error(status: int, details: str = "") -> Response:
    """Return the agent's error: `{"title", "status", "details"}` as JSON.

    On 405 and 409 the agent adds an `Allow` header and says "method not supported",
    whatever went wrong; clients tell the cases apart by the status alone.
    """
    allow = status in (405, 409)
    body = cjson(
        {
            "title": HTTPStatus(status).phrase,
            "status": status,
            "details": _ALLOW_DETAILS if allow else details,
        }
    )
    headers = ((b"Content-Type", JSON), *((_ALLOW,) if allow else ()))
    return Response(status, body, headers)
