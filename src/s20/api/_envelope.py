"""The response envelope, body parsing, and error-to-code mapping (docs/contract.md §1-2)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import ErrorDetails
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from s20.errors import InvalidParams, MethodNotFound, OperationFailed, ParseError, S20Error

__all__ = [
    "BodyTooLarge",
    "CatchAllMiddleware",
    "OkBodyCache",
    "RequestBody",
    "error_response",
    "http_exception_handler",
    "json_body",
    "ok",
    "ok_body",
    "read_body",
    "request_schema",
    "s20_error_handler",
    "send_json",
]

log = logging.getLogger("s20.api")

M = TypeVar("M", bound=BaseModel)

MAX_BODY = 1 << 20  # the largest JSON body any endpoint takes (an imported config)


class RequestBody(BaseModel):
    """Base of every request model: strict types (`false` is no number), unknown fields ignored.

    An explicit `null` is refused in every field, nested ones too: an optional field is
    left out to keep its value, and a `null` that meant "keep" would hide a client's bug.
    """

    model_config = ConfigDict(strict=True, extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("must not be null")
        return value


def ok(result: Mapping[str, Any] | None = None) -> JSONResponse:
    """Answer success: `{"code": 0, "result": {...}}`."""
    return JSONResponse({"code": 0, "result": dict(result or {})})


def ok_body(result: Mapping[str, Any]) -> bytes:
    """Return the success envelope's bytes, exactly as `ok()` sends them."""
    return json.dumps(
        {"code": 0, "result": dict(result)},
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode("utf-8")


class OkBodyCache:
    """Keep the encoded envelope of the last result; encode again only when it differs.

    A polled answer is mostly the same as the last one (a status served again is the very
    same object), and encoding it is most of a fast route's own work.
    """

    def __init__(self) -> None:
        self._result: Mapping[str, Any] | None = None
        self._body = b""

    def body(self, result: Mapping[str, Any]) -> bytes:
        """Return `ok_body(result)`."""
        if result is not self._result and result != self._result:
            self._body = ok_body(result)
        self._result = result
        return self._body


_JSON_HEADERS = (b"content-type", b"application/json")


async def send_json(send: Send, body: bytes) -> None:
    """Send a 200 answer of `body` with the headers `ok()` sends."""
    headers = [(b"content-length", str(len(body)).encode("ascii")), _JSON_HEADERS]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def error_response(
    exc: S20Error, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """Answer failure: `{"code": <negative>, "err_msg": "..."}`."""
    return JSONResponse(
        {"code": exc.code, "err_msg": exc.err_msg}, status_code=status_code, headers=headers
    )


async def s20_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    """Turn an S20Error raised anywhere below into the error envelope."""
    assert isinstance(exc, S20Error)
    if isinstance(exc, BodyTooLarge):
        # The rest of the body is never read: the client must not send it on this connection.
        return error_response(exc, 413, {"Connection": "close"})
    return error_response(exc)


async def http_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer 404 and 405 (with its Allow header) in the envelope, code -32601."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        allow = ", ".join(_allowed_methods(request)) or "another method"
        return error_response(
            MethodNotFound(f"method not allowed: use {allow}"), 405, {"Allow": allow}
        )
    if exc.status_code == 404:
        return error_response(MethodNotFound("no such method"), 404)
    return error_response(OperationFailed(str(exc.detail)), exc.status_code, exc.headers)


def _allowed_methods(request: Request) -> list[str]:
    """Return every method some route serves at this path (Starlette names only the first)."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        if route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


class CatchAllMiddleware:
    """Answer an exception nobody expected with -32020; the traceback goes to the log only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Mapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)  # type: ignore[arg-type]

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unexpected error in %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = error_response(OperationFailed("internal error; see the device log"))
            await response(scope, receive, send)


# pydantic names a union's member in the error location (`("PanId", "int")`).
_UNION_TAG = re.compile(r"^(int|str|float|bool|none|[a-z-]+\[.*\])$")


def _field_name(loc: tuple[int | str, ...]) -> str:
    name = ""
    for part in loc:
        if isinstance(part, str) and _UNION_TAG.match(part):
            continue
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else part
    return name or "body"


_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "bool_type": "a boolean",
    "list_type": "an array",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "float_type": "a number",
}


def describe_validation_error(errors: list[ErrorDetails]) -> str:
    """Say in words which field broke which rule, for `err_msg` (the first field only)."""
    error = errors[0]
    field = _field_name(tuple(error["loc"]))
    kind = error["type"]
    if kind == "missing":
        return f"{field} is required"
    if kind in _EXPECTED:
        # A union field fails once per member: name every kind it would have taken.
        kinds = [
            _EXPECTED[e["type"]]
            for e in errors
            if _field_name(tuple(e["loc"])) == field and e["type"] in _EXPECTED
        ]
        return f"{field} must be " + " or ".join(dict.fromkeys(kinds))
    if kind == "literal_error":
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"{field} must be {expected}"
    if kind == "value_error":
        # Our own validators raise ValueError with the rule in words.
        cause = (error.get("ctx") or {}).get("error")
        return f"{field} {cause}" if cause else f"{field} {error['msg']}"
    return f"{field}: {error['msg']}"


class BodyTooLarge(InvalidParams):
    """The request body is over `MAX_BODY`: answered with HTTP 413, and the connection closed."""

    def __init__(self) -> None:
        super().__init__(f"body is larger than {MAX_BODY} bytes")


async def read_body(request: Request) -> bytes:
    """Read the body, refusing one over `MAX_BODY` before holding more than that.

    A declared `Content-Length` over the cap is refused before anything is read; a chunked
    body is read piece by piece and refused at the piece that passes the cap, so a client
    cannot make the device buffer more than the cap.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise BodyTooLarge()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def json_body(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """Build a dependency that parses the body as a JSON object into `model`, strictly.

    An empty body counts as `{}`; a body that is not a JSON object (or nests too deeply to
    parse) is -32700; a field of the wrong type or out of range is -32602 with `err_msg`
    naming the field.
    """

    async def parse(request: Request) -> M:
        raw = await read_body(request)
        data: Any = {}
        if raw.strip():
            try:
                data = json.loads(raw)
            except RecursionError:
                raise ParseError("parse error: the body nests too deeply") from None
            except (ValueError, UnicodeDecodeError) as exc:
                raise ParseError(f"parse error: the body is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ParseError()
        try:
            return model.model_validate(data, strict=True)
        except ValidationError as exc:
            raise InvalidParams(describe_validation_error(exc.errors())) from None

    parse.__name__ = f"parse_{model.__name__}"
    return parse


def request_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Describe a JSON body in the OpenAPI document (bodies are parsed by `json_body`)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})
    for node in (schema, *definitions.values()):
        for name, prop in node.get("properties", {}).items():
            if name not in node.get("required", ()):
                _not_null(prop)
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": _inline(schema, definitions)}},
        }
    }


def _not_null(prop: dict[str, Any]) -> None:
    """Drop `null` from an optional field's schema: `json_body` refuses an explicit null."""
    if prop.get("default", ...) is None:
        del prop["default"]
    kinds = [kind for kind in prop.get("anyOf", ()) if kind != {"type": "null"}]
    if "anyOf" in prop:
        del prop["anyOf"]
        if len(kinds) == 1:
            prop.update(kinds[0])
        else:
            prop["anyOf"] = kinds


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    """Replace `{"$ref": "#/$defs/X"}` with X itself, so the schema stands alone."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(definitions[ref.removeprefix("#/$defs/")], definitions)
        return {key: _inline(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    return node
