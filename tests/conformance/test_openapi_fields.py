"""Every response field the API document lists is in the OpenAPI result, with its type."""

from __future__ import annotations

from typing import Any

import pytest

from .spec import load_spec

SPEC = load_spec()
# The document's JSON types, as JSON Schema names them.
KINDS = {
    "number": {"integer", "number"},
    "string": {"string"},
    "boolean": {"boolean"},
    "array": {"array"},
    "object": {"object"},
}


def resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def result_schema(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    components = document["components"]["schemas"]
    answer = document["paths"][path][method.lower()]["responses"]["200"]["content"]
    ok = resolve(answer["application/json"]["schema"]["anyOf"][0], components)
    return resolve(ok["properties"]["result"], components)


def kinds_at(schema: dict[str, Any], field: str, components: dict[str, Any]) -> set[str]:
    """Return the JSON Schema types at a documented path such as `ScanList[x].PanId`."""
    for part in field.split("."):
        name, each = (part[:-3], True) if part.endswith("[x]") else (part, False)
        schema = resolve(schema, components)
        assert name in schema.get("properties", {}), f"{field}: no {name}"
        schema = resolve(schema["properties"][name], components)
        if each:
            assert schema["type"] == "array", f"{field}: {name} is no array"
            schema = resolve(schema["items"], components)
    options = schema.get("anyOf", [schema])
    return {resolve(o, components).get("type", "object") for o in options} - {"null"}


def served_and_documented(document: dict[str, Any]) -> list[str]:
    return sorted(set(document["paths"]) & set(SPEC))


def test_the_comparison_meets_the_app(openapi_document: dict[str, Any]) -> None:
    assert {"/otbr/get_status", "/ui/challenge", "/sys/get_info"} <= set(
        served_and_documented(openapi_document)
    )


@pytest.mark.parametrize("path", sorted(SPEC))
def test_documented_fields_are_in_the_result_schema(
    openapi_document: dict[str, Any], path: str
) -> None:
    document = openapi_document
    if path not in document["paths"]:
        pytest.skip("not served yet")
    components = document["components"]["schemas"]
    result = result_schema(document, path, SPEC[path].method)
    wrong = {
        f.path: (f.type, kinds)
        for f in SPEC[path].response
        if not (kinds := kinds_at(result, f.path, components)) <= KINDS[f.type]
    }
    assert not wrong, wrong
