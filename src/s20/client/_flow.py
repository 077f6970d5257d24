"""The client's protocol logic without I/O: one generator per call, driven sync or async.

A flow yields the HTTP requests it needs and receives their responses; the sync and async
clients only differ in how they send. So challenge/login, the Token header, and the single
re-login on code -1 live here once.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx

from s20.credentials import USERNAME, login_hash, password_verifier
from s20.errors import S20Error, S20ProtocolError, TokenError

__all__ = ["Body", "Flow", "Session", "call_flow", "login_flow", "unwrap"]

Flow = Generator[httpx.Request, httpx.Response, Any]
# A JSON object, or raw bytes sent as they are.
Body = dict[str, Any] | bytes | None


@dataclass
class Session:
    """What a client remembers between calls: where, the password, and the live token."""

    base_url: str
    password: str | None = None
    token: str | None = field(default=None, repr=False)


def unwrap(response: httpx.Response) -> dict[str, Any]:
    """Return `result` of a success envelope, or raise the error it carries."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise S20ProtocolError(
            f"HTTP {response.status_code} from {response.request.url}: not JSON"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("code"), int):
        raise S20ProtocolError(f"HTTP {response.status_code}: no API envelope in the answer")
    code = data["code"]
    if code != 0:
        raise S20Error.from_code(code, str(data.get("err_msg", "")))
    result = data.get("result", {})
    if not isinstance(result, dict):
        raise S20ProtocolError("the answer's result is not an object")
    return result


def _request(session: Session, method: str, path: str, body: Body, auth: bool) -> httpx.Request:
    headers = {"Token": session.token} if auth and session.token else {}
    url = session.base_url.rstrip("/") + path
    if method == "GET":
        return httpx.Request("GET", url, headers=headers)
    if isinstance(body, bytes):  # a raw upload, such as a PEM certificate
        return httpx.Request(method, url, headers=headers, content=body)
    return httpx.Request(method, url, headers=headers, json=body if body is not None else {})


def login_flow(session: Session, password: str) -> Flow:
    """Run challenge + login with `password`; keep the token and the password."""
    challenge = unwrap((yield _request(session, "GET", "/ui/challenge", None, auth=False)))
    verifier = password_verifier(password, str(challenge["salt"]))
    digest = login_hash(verifier, str(challenge["nonce"]))
    body = {"username": USERNAME, "hash": digest}
    result = unwrap((yield _request(session, "POST", "/ui/login", body, auth=False)))
    session.token = str(result["sid"])
    session.password = password
    return result


def call_flow(session: Session, method: str, path: str, body: Body = None) -> Flow:
    """Call one API method with the Token; on -1 log in again once and retry."""
    if session.token is None and session.password is not None:
        yield from login_flow(session, session.password)
    try:
        return unwrap((yield _request(session, method, path, body, auth=True)))
    except TokenError:
        if session.password is None:
            raise
        session.token = None
        yield from login_flow(session, session.password)
        return unwrap((yield _request(session, method, path, body, auth=True)))
