"""Each client method's result type has exactly the fields the server's OpenAPI declares."""

from __future__ import annotations

import inspect
from typing import Any, TypedDict, get_args, get_origin, get_type_hints, is_typeddict

from fastapi import FastAPI

from s20.client import S20Client
from s20.client._endpoint import Req, endpoint
from s20.client._endpoints import JSON, Endpoints

# A value of each parameter type, only to learn which path a method calls.
_SAMPLES: dict[object, object] = {str: "x", int: 1, bytes: b""}


def _sample(annotation: Any, flag: bool) -> object:
    if annotation is bool:
        return flag
    for kind, value in _SAMPLES.items():
        if annotation is kind:
            return value
    if get_origin(annotation) is list:
        return []
    return {}  # a mapping or a TypedDict


def _requests_of(method: endpoint[Any, Any]) -> list[Req[Any]]:
    """Return the requests a method makes (a flag may choose the path: both ways)."""
    hints = get_type_hints(method.build)
    params = [
        p
        for p in list(inspect.signature(method.build).parameters.values())[1:]
        if p.default is inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD
    ]
    return [
        method.build(None, *(_sample(hints[p.name], flag) for p in params))
        for flag in (True, False)
    ]


def _result_type(method: endpoint[Any, Any]) -> Any:
    (result,) = get_args(get_type_hints(method.build)["return"])
    return result


def _endpoints() -> dict[str, endpoint[Any, Any]]:
    return {k: v for k, v in vars(Endpoints).items() if isinstance(v, endpoint)}


def _schema(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _mismatches(spec: dict[str, Any], schema: dict[str, Any], hint: Any, where: str) -> list[str]:
    """Compare a TypedDict (or list, or scalar) with a JSON schema; list what differs."""
    schema = _schema(spec, schema)
    if is_typeddict(hint):
        fields = get_type_hints(hint)
        declared = schema.get("properties", {})
        problems = [f"{where}: keys {sorted(fields)} != {sorted(declared)}"]
        if set(fields) == set(declared):
            problems = []
            if set(schema.get("required", [])) != hint.__required_keys__:
                problems.append(f"{where}: required keys differ")
            for key, field in fields.items():
                problems += _mismatches(spec, declared[key], field, f"{where}.{key}")
        return problems
    if get_origin(hint) is list:
        if schema.get("type") != "array":
            return [f"{where}: a list, declared {schema.get('type')}"]
        return _mismatches(spec, schema["items"], get_args(hint)[0], f"{where}[]")
    kinds = {int: "integer", str: "string", bool: "boolean"}
    if kinds.get(hint) != schema.get("type"):
        return [f"{where}: {hint} declared {schema.get('type')}"]
    return []


def test_every_method_result_matches_the_openapi_document(app: FastAPI) -> None:
    spec = app.openapi()
    checked = []
    for name, method in _endpoints().items():
        result = _result_type(method)
        if name == "call":
            assert result == JSON  # any path: the result as it comes
            continue
        for req in _requests_of(method):
            operation = spec["paths"][req.path][req.method.lower()]
            answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
            ok = _schema(spec, answer["anyOf"][0])
            assert _mismatches(spec, ok["properties"]["result"], result, name) == []
            checked.append(req.path)
    # Every path the device serves, except the simulator's own, has a method.
    served = {path for path in spec["paths"] if not path.startswith("/sim/")}
    assert served - set(checked) == {"/ui/login", "/ui/logout"}  # login() and logout()


class _Wrong(TypedDict):
    Status: int
    Other: str


def test_the_check_itself_catches_a_wrong_field(app: FastAPI) -> None:
    spec = app.openapi()
    wrong = _Wrong
    schema = spec["paths"]["/otbr/get_joiner_list"]["get"]["responses"]["200"]["content"]
    ok = _schema(spec, schema["application/json"]["schema"]["anyOf"][0])
    assert _mismatches(spec, ok["properties"]["result"], wrong, "x") != []


def test_methods_are_bound_per_client() -> None:
    with S20Client("http://127.0.0.1:9") as client:
        assert client.thread_status.__doc__ == Endpoints.thread_status.__doc__
        assert inspect.signature(client.add_joiner).parameters.keys() == {
            "pskd",
            "eui64",
            "timeout",
        }
