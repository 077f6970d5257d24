"""The OpenAPI document: the `Token` scheme, each body's limits, each route's result.

A route declares its body and its result in one way, in every group:

    @router.post("/set_txpower", **documented(body=TxPowerBody))
    @router.get("/get_status", **documented(result=StatusResult))

- `body` is the `RequestBody` model that the handler parses with `json_body`. Put each
  field's limits on the field, for the document only, with `Limits`:
  `TXPower: Annotated[int, Limits(minimum=TX_POWER_MIN, maximum=TX_POWER_MAX)]`. The rule
  itself, and its `err_msg`, stay where they are (in `s20.thread` and the services); take
  the numbers from that rule's own constants, so the document cannot drift from it.
  (pydantic's `Field(ge=...)` would validate too, with messages of its own: not that.)
- `result` is a `Result` model of what `result` holds when `code` is 0 (omitted: `{}`).
  It serves the document only; handlers still build their answers with `ok()`. It names
  every field, so the schemathesis run fails when an answer outgrows its model.
- `Token`: nothing to declare. `require_session` reads the header through the `Token`
  `apiKey` scheme, so every operation that depends on it (through its router's
  `dependencies`, or `SessionDep`) needs the scheme in the document, and no other does.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Generic, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ._envelope import RequestBody, request_schema

__all__ = [
    "Empty",
    "Failure",
    "Limits",
    "Ok",
    "Result",
    "documented",
    "whole",
]

R = TypeVar("R", bound=BaseModel)


class Limits:
    """JSON Schema keywords for the document only: validation does not see them."""

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(self.keywords)
        return schema


def whole(*alternatives: re.Pattern[str] | str) -> str:
    """Return a JSON Schema `pattern` that the whole string must match (one alternative)."""
    parts = [a.pattern if isinstance(a, re.Pattern) else re.escape(a) for a in alternatives]
    return "^(?:" + "|".join(parts) + ")$"


class Result(BaseModel):
    """Base of the models that describe a `result` in the document; every field named."""

    model_config = ConfigDict(extra="forbid")


class Empty(Result):
    """No fields: `result` is `{}`."""


class Ok(BaseModel, Generic[R]):
    """Success: `{"code": 0, "result": {...}}`."""

    model_config = ConfigDict(extra="forbid")
    code: Literal[0]
    result: R


class Failure(BaseModel):
    """Failure: a negative `code` and an `err_msg` that names the field or the state."""

    model_config = ConfigDict(extra="forbid")
    code: Annotated[int, Limits(maximum=-1)]
    err_msg: str


def documented(
    *, body: type[RequestBody] | None = None, result: type[Result] = Empty
) -> dict[str, Any]:
    """Return a route decorator's keywords that document its body and its answer."""
    envelope = cast("Any", Ok)[result] | Failure
    keywords: dict[str, Any] = {
        "responses": {
            200: {
                "model": envelope,
                "description": "code 0 and `result`, or a negative code and `err_msg`",
            }
        }
    }
    if body is not None:
        keywords["openapi_extra"] = request_schema(body)
    return keywords
