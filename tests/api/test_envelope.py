"""The envelope for every kind of failure (docs/contract.md §1-2)."""

from __future__ import annotations

import logging

import httpx2 as httpx
import pytest
from fastapi import FastAPI

from s20.daemon.device import Device
from tests.api.helpers import init_and_login, try_login
from tests.conftest import PASSWORD, call


async def test_unknown_path_is_404_envelope(api: httpx.AsyncClient) -> None:
    response = await api.get("/otbr/no_such_thing")
    assert response.status_code == 404
    assert response.json() == {"code": -32601, "err_msg": "no such method"}


async def test_wrong_method_is_405_with_allow(api: httpx.AsyncClient) -> None:
    response = await api.get("/ui/login")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    body = response.json()
    assert body["code"] == -32601
    assert "POST" in body["err_msg"]
    assert set(body) == {"code", "err_msg"}


@pytest.mark.parametrize("raw", [b"{", b"not json", b"\xff\xfe", b"[1, 2]", b'"text"', b"42"])
async def test_body_not_a_json_object_is_32700(api: httpx.AsyncClient, raw: bytes) -> None:
    response = await api.post("/ui/set_init", content=raw)
    assert response.status_code == 200
    assert response.json()["code"] == -32700


async def test_empty_body_counts_as_empty_object(api: httpx.AsyncClient) -> None:
    response = await api.post("/ui/set_init", content=b"")
    assert response.json() == {"code": -32602, "err_msg": "lang is required"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"lang": 1, "password": PASSWORD}, "lang must be a string"),
        ({"lang": "en", "password": True}, "password must be a string"),
        ({"lang": "en", "password": None}, "password must not be null"),
        ({"lang": ["en"], "password": PASSWORD}, "lang must be a string"),
    ],
)
async def test_wrong_type_names_the_field(
    api: httpx.AsyncClient, body: dict[str, object], message: str
) -> None:
    assert await call(api, "POST", "/ui/set_init", body) == {"code": -32602, "err_msg": message}
    assert (await call(api, "GET", "/ui/check_initialized"))["result"]["initialized"] is False  # type: ignore[index]


async def test_unknown_fields_are_ignored(api: httpx.AsyncClient) -> None:
    body = {"lang": "en", "password": PASSWORD, "future_field": {"x": 1}}
    assert await call(api, "POST", "/ui/set_init", body) == {"code": 0, "result": {}}


async def test_get_ignores_a_body(api: httpx.AsyncClient) -> None:
    response = await api.request("GET", "/ui/challenge", content=b"{broken")
    assert response.json()["code"] == 0


async def test_unexpected_error_is_32020_without_details(
    app: FastAPI, api: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    @app.get("/ui/explode")
    async def explode() -> None:
        raise RuntimeError("secret internal detail")

    with caplog.at_level(logging.ERROR, logger="s20.api"):
        response = await api.get("/ui/explode")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == -32020
    assert "secret" not in response.text
    assert "secret internal detail" in caplog.text


async def test_restart_keeps_settings_and_ends_sessions(
    api: httpx.AsyncClient, device: Device
) -> None:
    token = await init_and_login(api)
    mac = device.identity.eth_mac
    assert await call(api, "POST", "/sys/restart", token=token) == {"code": 0, "result": {}}
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == -1
    assert (await try_login(api))["code"] == 0
    assert device.identity.eth_mac == mac


async def test_reset_erases_settings_keeps_identity(api: httpx.AsyncClient, device: Device) -> None:
    token = await init_and_login(api)
    mac = device.identity.eth_mac
    assert await call(api, "POST", "/sys/reset", token=token) == {"code": 0, "result": {}}
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == -32004
    status = await call(api, "GET", "/ui/check_initialized")
    assert status["result"]["initialized"] is False  # type: ignore[index]
    assert status["result"]["mac"] == mac  # type: ignore[index]
    assert (await try_login(api))["code"] == -32004
    await init_and_login(api, "a-brand-new-pw")


def test_openapi_request_bodies_stand_alone(device: Device) -> None:
    from s20.api import create_app

    document = create_app(device).openapi()
    text = __import__("json").dumps(document)
    assert "#/$defs/" not in text
    body = document["paths"]["/otbr/import_joiner_list"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    item = schema["properties"]["DeviceList"]["items"]
    assert set(item["properties"]) == {"EUI64", "PSKd"}
    assert set(item["required"]) == {"EUI64", "PSKd"}
