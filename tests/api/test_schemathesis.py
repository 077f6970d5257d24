"""Schemathesis drives every operation of the served OpenAPI document, in process.

For each operation it draws requests from the document: conforming ones and, where the
operation takes a body, ones that break the declared schema. Every answer must be the
envelope, match the response schema the document declares, never be a server error,
and a request that breaks the declared schema must never get code 0. The session is
the real one: the `Token` the security scheme names, from a real login.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2 as httpx
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import response_schema_conformance

from s20.api import eth, otbr, sim, sys_maintenance, sys_settings, system, ui, wan_failover, wifi
from s20.clock import ManualClock
from s20.daemon.device import Device
from tests.api.helpers import init_and_login, login
from tests.conformance.states import Caller

# Every operation the app serves (a test below checks this against the document).
OPERATIONS = sorted(
    (method, route.path)
    for router in (
        ui.router,
        otbr.router,
        system.router,
        sys_settings.router,
        sys_maintenance.router,
        sim.router,
        eth.router,
        wifi.router,
        wan_failover.router,
    )
    for route in router.routes
    if isinstance(route, APIRoute)
    for method in route.methods or ()
)
BASE_URL = "http://s20.local"


def _no_network(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError(f"{request.url.host}: no network in this test", request=request)


@pytest.fixture(autouse=True)
def offline(device: Device) -> None:
    """Make every download fail at once: a drawn URL must reach no host at all."""
    device.system.certificates.downloader.transport = httpx.MockTransport(_no_network)


def test_every_served_operation_is_driven(app: FastAPI) -> None:
    paths: dict[str, dict[str, Any]] = app.openapi()["paths"]
    served = sorted((m.upper(), p) for p, ops in paths.items() for m in ops)
    assert served == OPERATIONS


async def _session(caller: Caller) -> None:
    """Log in anew for each request: the one before may have ended the session (logout,
    set_admin_pwd, restart) or left the device uninitialized (reset)."""
    state = await caller.send("GET", "/ui/check_initialized")
    if state.json()["result"]["initialized"]:
        caller.token = await login(caller.api)
    else:
        caller.token = await init_and_login(caller.api)


def _as_form_parts(files: list[tuple[str, tuple[Any, ...]]] | None) -> list[Any] | None:
    """Return drawn multipart parts (the PEM upload's) as httpx sends them: a part whose
    drawn value is no text or bytes (a negative case's number, say) is sent as its JSON."""
    if files is None:
        return None
    return [
        (name, (filename, value if isinstance(value, str | bytes) else json.dumps(value), *rest))
        for name, (filename, value, *rest) in files
    ]


async def _send(caller: Caller, case: Case[Any]) -> httpx.Response:
    """Send the drawn request with the caller's live `Token`."""
    sent = case.as_transport_kwargs(base_url=BASE_URL)
    headers = {k: str(v) for k, v in (sent.get("headers") or {}).items()}
    if caller.token is not None:
        headers["Token"] = caller.token
    # Serialized here, so that a JSON `null` body is sent as `null`, not as no body.
    content = json.dumps(sent["json"]).encode() if "json" in sent else sent.get("data")
    request = caller.api.build_request(
        sent["method"],
        sent["url"],
        headers=headers,
        params=sent.get("params"),
        content=content.encode() if isinstance(content, str) else content,
        files=_as_form_parts(sent.get("files")),
    )
    request.read()  # a multipart body is a stream; the response checks read what was sent
    return await caller.settle(caller.api.send(request), f"{case.method} {case.path}")


def _assert_envelope(case: Case[Any], answer: object, negative: bool) -> None:
    sent = case.as_curl_command(headers={"Token": "..."})
    assert isinstance(answer, dict), (sent, answer)
    code = answer.get("code")
    assert type(code) is int, answer
    if code == 0:
        assert not negative, f"input that breaks the declared schema was accepted: {sent}"
        assert set(answer) == {"code", "result"}, answer
        assert isinstance(answer["result"], dict), answer
    else:
        assert code < 0, answer
        assert set(answer) == {"code", "err_msg"}, answer
        assert isinstance(answer["err_msg"], str), answer
        assert answer["err_msg"], answer


def _breaks_body_schema(case: Case[Any]) -> bool:
    # A negative case may break only a header, such as `Token`, which `_send` replaces.
    body = case.meta.components.get(ParameterLocation.BODY) if case.meta else None
    if body is None or body.mode is not GenerationMode.NEGATIVE:
        return False
    # A body of only white space is no body, which the document allows (docs/contract.md §1).
    return not (isinstance(case.body, (str, bytes)) and not case.body.strip())


@pytest.fixture
def drawn(app: FastAPI, method: str, path: str) -> st.SearchStrategy[Case[Any]]:
    """Requests for the operation under test: conforming, and breaking its body schema."""
    document = app.openapi()
    operation = schemathesis.openapi.from_dict(document)[path][method]
    cases = operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
    if "requestBody" in document["paths"][path][method.lower()]:
        cases |= operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
    return cases


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
async def test_operation_keeps_its_document(
    api: httpx.AsyncClient,
    clock: ManualClock,
    drawn: st.SearchStrategy[Case[Any]],
    path: str,
    data: st.DataObject,
) -> None:
    caller = Caller(api, clock)
    if path != "/ui/set_init":
        await _session(caller)
    case = data.draw(drawn)
    response = await _send(caller, case)
    _assert_envelope(case, response.json(), negative=_breaks_body_schema(case))
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
