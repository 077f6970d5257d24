"""The served OpenAPI document: the Token scheme, the request limits, the answers."""

from __future__ import annotations

from typing import Any

import pytest

OPEN = {"/ui/challenge", "/ui/login", "/ui/check_initialized", "/ui/set_init"}


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]


def body_schema(document: dict[str, Any], path: str) -> dict[str, Any]:
    schema: dict[str, Any] = document["paths"][path]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    return schema


def test_token_is_an_api_key_header(openapi_document: dict[str, Any]) -> None:
    scheme = openapi_document["components"]["securitySchemes"]["Token"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Token")


def test_every_operation_but_the_open_ones_needs_the_token(
    openapi_document: dict[str, Any],
) -> None:
    document = openapi_document
    open_paths = {path for path, _, op in operations(document) if "security" not in op}
    assert open_paths == OPEN
    for path, method, operation in operations(document):
        if path not in OPEN:
            assert operation["security"] == [{"Token": []}], (method, path)


# (path, field, the limits the document must state): the device's rules, as numbers.
LIMITS: list[tuple[str, str, dict[str, Any]]] = [
    ("/otbr/set_config", "Channel", {"type": "integer", "minimum": 11, "maximum": 26}),
    ("/otbr/set_config", "NetworkName", {"minLength": 1, "maxLength": 16}),
    ("/otbr/set_config", "Passphrase", {"minLength": 6, "maxLength": 255}),
    ("/otbr/set_config", "ExtPanId", {"pattern": "^(?:[0-9A-Fa-f]{16})$"}),
    ("/otbr/set_config", "NetworkKey", {"pattern": "^(?:[0-9A-Fa-f]{32})$"}),
    ("/otbr/set_txpower", "TXPower", {"type": "integer", "minimum": -24, "maximum": 20}),
    ("/otbr/set_commissioning", "Enable", {"type": "boolean"}),
    ("/otbr/add_joiner", "PSKd", {"pattern": "^(?:[0-9A-HJ-NPR-Y]{6,32})$"}),
    ("/otbr/add_joiner", "EUI64", {"pattern": "^(?:[0-9A-Fa-f]{16}|\\*)$", "default": "*"}),
    ("/otbr/add_joiner", "Timeout", {"minimum": 1, "maximum": 65535, "default": 120}),
    ("/otbr/rejoin_all", "Type", {"enum": [1, 2, 3]}),
    ("/otbr/commit_joiner_list", "Timeout", {"minimum": 1, "maximum": 65535}),
    ("/otbr/import_joiner_list", "joiner_list_version", {"enum": ["1"]}),
    ("/otbr/import_joiner_list", "DeviceList", {"maxItems": 50}),
    ("/otbr/join", "CredentialType", {"enum": ["networkKeyType", "pskdType"]}),
    ("/ui/set_init", "lang", {"enum": ["en", "zh-cn"]}),
    ("/ui/set_init", "password", {"minLength": 10, "maxLength": 32}),
    ("/ui/login", "username", {"enum": ["root"]}),
    ("/sys/set_admin_pwd", "new_pwd", {"minLength": 10, "maxLength": 32}),
    ("/sim/thread_network", "Rssi", {"minimum": -127, "maximum": 0}),
    ("/sim/thread_network", "Lqi", {"minimum": 0, "maximum": 255}),
    ("/eth/set_config", "protocol", {"enum": ["dhcp", "static"]}),
    ("/wifi/start", "ssid", {"minLength": 1, "maxLength": 32}),
    ("/wifi/start", "auth_mode", {"enum": [0, 1, 2, 3, 4, 6, 7, 8, 9]}),
    ("/wifi/start", "bssid", {"pattern": "^(?:[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5})$"}),
    ("/wifi/delete_save_wifi", "auth_mode", {"enum": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}),
    ("/sim/wifi_ap", "gateway", {"pattern": "^(?:\\d{1,3}(\\.\\d{1,3}){3})$"}),
]


@pytest.mark.parametrize(("path", "field", "limits"), LIMITS)
def test_request_fields_state_their_limits(
    openapi_document: dict[str, Any], path: str, field: str, limits: dict[str, Any]
) -> None:
    schema = body_schema(openapi_document, path)["properties"][field]
    assert {key: schema.get(key) for key in limits} == limits


def test_pan_id_is_a_number_or_a_hex_string(openapi_document: dict[str, Any]) -> None:
    schema = body_schema(openapi_document, "/otbr/set_config")["properties"]["PanId"]
    assert schema["anyOf"][0] | {"minimum": 1, "maximum": 0xFFFE} == schema["anyOf"][0]
    assert schema["anyOf"][1]["pattern"] == "^(?:0[xX][0-9A-Fa-f]+)$"


def test_join_requires_what_its_credential_type_needs(openapi_document: dict[str, Any]) -> None:
    schema = body_schema(openapi_document, "/otbr/join")
    assert schema["if"] == {"properties": {"CredentialType": {"const": "networkKeyType"}}}
    assert schema["then"] == {"required": ["NetworkKey", "Channel", "PanId"]}
    assert schema["else"] == {"required": ["PSKd"]}


def test_a_static_address_is_checked_only_when_static(openapi_document: dict[str, Any]) -> None:
    # With DHCP `ipv4` is ignored, so only "static" makes it required and its rules hold.
    dotted = "^(?:\\d{1,3}(\\.\\d{1,3}){3})$"
    for path in ("/eth/set_config", "/wifi/start"):
        schema = body_schema(openapi_document, path)
        assert schema["if"] == {
            "required": ["protocol"],
            "properties": {"protocol": {"const": "static"}},
        }
        assert schema["then"]["required"] == ["ipv4"]
        ipv4 = schema["then"]["properties"]["ipv4"]["properties"]
        assert {name: ipv4[name]["pattern"] for name in ipv4} == dict.fromkeys(
            ("ip", "netmask", "gateway"), dotted
        )
        assert "pattern" not in repr(schema["properties"]["ipv4"])


def test_failover_checks_state_their_limits(openapi_document: dict[str, Any]) -> None:
    body = body_schema(openapi_document, "/wan_failover/set_config")["properties"]
    checks = body["wifi"]["properties"]
    ranges = {
        name: (checks[name]["minimum"], checks[name]["maximum"])
        for name in ("check_interval", "check_success_time", "check_fail_time")
    }
    assert ranges == {
        "check_interval": (1, 60),
        "check_success_time": (1, 10),
        "check_fail_time": (1, 10),
    }
    assert checks["check_ipv4"]["maxItems"] == 3
    assert checks["check_ipv6"]["maxItems"] == 3
    priority = body["priority"]["properties"]["eth"]
    assert (priority["minimum"], priority["maximum"]) == (1, 10)


def test_optional_fields_are_not_nullable(openapi_document: dict[str, Any]) -> None:
    # An explicit null is refused with -32602, so the document must not offer it.
    document = openapi_document
    for path, method, operation in operations(document):
        for kind, content in operation.get("requestBody", {}).get("content", {}).items():
            text = repr(content["schema"])
            assert "'null'" not in text, (method, path, kind)
            assert "'default': None" not in text, (method, path, kind)


def test_every_answer_is_the_envelope_with_a_typed_result(openapi_document: dict[str, Any]) -> None:
    document = openapi_document
    schemas = document["components"]["schemas"]
    failure = schemas["Failure"]
    assert failure["required"] == ["code", "err_msg"]
    assert failure["properties"]["code"]["maximum"] == -1
    assert failure["additionalProperties"] is False
    for path, method, operation in operations(document):
        answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
        refs = [option["$ref"].rsplit("/", 1)[1] for option in answer["anyOf"]]
        assert refs[1] == "Failure", (method, path)
        ok = schemas[refs[0]]
        assert ok["properties"]["code"]["const"] == 0, (method, path)
        result = schemas[ok["properties"]["result"]["$ref"].rsplit("/", 1)[1]]
        assert result["type"] == "object", (method, path)
        assert result["additionalProperties"] is False, (method, path)
