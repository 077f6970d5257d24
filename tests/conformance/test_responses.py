"""Every served endpoint that the API document lists answers with its documented fields.

For each one: call it, with the documented method, on a device set up so that its call
succeeds; then the envelope is `{"code": 0, "result": {...}}` (docs/contract.md §1), and every
row of its "Response parameters" table is in `result` at its path, with its JSON type,
in every element of every array.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI

from s20.clock import ManualClock
from tests.api.file_server import CA, Served, serve_files
from tests.api.helpers import challenge, expected_hash
from tests.conftest import PASSWORD

from .shape import problems
from .spec import load_spec
from .states import JOINER_EUI64, JOINER_PSKD, Caller, State

SPEC = load_spec()

Body = dict[str, Any] | bytes
IMPORTED = {"joiner_list_version": "1", "DeviceList": [{"EUI64": "*", "PSKd": "W1LDC4RD"}]}


@dataclass(frozen=True)
class Case:
    """How to call one endpoint so that it succeeds."""

    state: State = State.LEADER
    body: Body | None = None
    # Runs just before the call and returns its body, for bodies made from the device's state.
    prepare: Callable[[Caller], Awaitable[Body]] | None = None


async def login_body(caller: Caller) -> Body:
    c = await challenge(caller.api)
    return {"username": "root", "hash": expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))}


async def stage_joiners(caller: Caller) -> Body:
    await caller.ok("POST", "/otbr/import_joiner_list", IMPORTED)
    return {"Timeout": 60}


# HomeNet, of the simulated default uplinks, takes this password.
HOME = {"ssid": "HomeNet", "auth_mode": 3, "pwd": "goodlife-home"}
STATIC = {"ip": "192.168.8.50", "netmask": "255.255.255.0", "gateway": "192.168.8.1"}


async def connect_and_save(caller: Caller) -> Body:
    await caller.ok("POST", "/wifi/start", {**HOME, "enable_wifi_save": True})
    await caller.wait_for("GET", "/wifi/get_status", lambda r: r["status"] == 2)
    return {"ssid": HOME["ssid"], "auth_mode": HOME["auth_mode"]}


PEM = CA("conformance CA").pem
# The certificate server runs for the module; `served_pem` below starts it.
SERVED: list[Served] = []


@pytest.fixture(scope="module", autouse=True)
def served_pem() -> Iterator[None]:
    with serve_files() as served:
        served.files["/ca.pem"] = PEM
        SERVED.append(served)
        yield
        SERVED.remove(served)


async def online_certificate(_caller: Caller) -> Body:
    return {"url": SERVED[0].url("/ca.pem")}


async def offered_firmware(caller: Caller) -> Body:
    # The simulated S20 with no feed configured offers a newer image of its own.
    offered = (await caller.ok("GET", "/sys/check_online_firmware"))["online_firmware_list"]
    return {"official": {**offered[0], "save_config": True}}


async def configured_uplinks(caller: Caller) -> Body:
    # Every array of the document gets elements: a saved network and each check list.
    await connect_and_save(caller)
    await caller.ok(
        "POST",
        "/wan_failover/set_config",
        {
            "eth": {"enable": True, "check_ipv4": ["1.1.1.1"], "check_ipv6": ["2001:4860::8888"]},
            "wifi": {"check_ipv4": ["8.8.8.8"], "check_ipv6": ["2606:4700:4700::1111"]},
        },
    )
    return {}


async def exported_config(caller: Caller) -> Body:
    return await caller.ok("POST", "/sys/export_sys_config")


CASES: dict[str, Case] = {
    "/ui/challenge": Case(),
    "/ui/set_init": Case(State.UNINITIALIZED, {"lang": "en", "password": PASSWORD}),
    "/ui/login": Case(prepare=login_body),
    "/ui/logout": Case(),
    "/ui/check_initialized": Case(),
    "/otbr/get_status": Case(),
    "/otbr/scan": Case(),
    "/otbr/get_join_status": Case(State.IDLE, {"CredentialType": "pskdType"}),
    # Office-Mesh, of the simulated default neighbourhood, admits joiners with this PSKd.
    "/otbr/join": Case(State.IDLE, {"CredentialType": "pskdType", "PSKd": "0FF1CE"}),
    "/otbr/set_config": Case(body={"NetworkName": "Conformance", "Channel": 15}),
    "/otbr/stop": Case(),
    "/otbr/start": Case(State.IDLE),
    "/otbr/generate_thread_network": Case(),
    "/otbr/set_txpower": Case(body={"TXPower": 10}),
    "/otbr/set_commissioning": Case(body={"Enable": False}),
    "/otbr/add_joiner": Case(body={"EUI64": "18b4300000000102", "PSKd": "SENS0R1"}),
    "/otbr/get_commissioning_status": Case(),
    "/otbr/rejoin_all": Case(body={"Type": 3, "Timeout": 120}),
    "/otbr/get_joiner_list": Case(),
    "/otbr/remove_joiner_list": Case(body={"DeviceList": [JOINER_EUI64]}),
    "/otbr/export_joiner_list": Case(),
    "/otbr/import_joiner_list": Case(body=IMPORTED),
    "/otbr/commit_joiner_list": Case(prepare=stage_joiners),
    "/otbr/get_bbr_status": Case(),
    "/otbr/disable_bbr": Case(),
    "/otbr/enable_bbr": Case(),
    "/eth/get_status": Case(State.IDLE),
    "/eth/get_config": Case(State.IDLE),
    "/eth/set_config": Case(State.IDLE, {"protocol": "static", "ipv4": STATIC}),
    "/wifi/get_status": Case(State.IDLE, prepare=connect_and_save),
    "/wifi/stop": Case(State.IDLE, prepare=connect_and_save),
    "/wifi/start": Case(State.IDLE, HOME),
    "/wifi/get_save_wifi": Case(State.IDLE, prepare=connect_and_save),
    "/wifi/delete_save_wifi": Case(State.IDLE, prepare=connect_and_save),
    "/wifi/scan": Case(State.IDLE),
    "/wifi/set_reconn_to_saved_wifi": Case(State.IDLE, {"enable": True}),
    "/wifi/get_reconn_to_saved_wifi": Case(State.IDLE),
    "/wan_failover/get_config": Case(State.IDLE),
    "/wan_failover/set_config": Case(
        State.IDLE,
        {
            "eth": {"enable": True, "check_ipv4": ["1.1.1.1"], "check_ipv6": ["2001:4860::8888"]},
            "wifi": {"enable": False, "check_ipv4": [], "check_ipv6": []},
        },
    ),
    "/sys/get_info": Case(),
    "/sys/set_admin_pwd": Case(
        body={"username": "root", "old_pwd": PASSWORD, "new_pwd": "conformance-42"}
    ),
    # Both answer first and act afterwards (docs/contract.md §6); each test has a device of its own.
    "/sys/restart": Case(),
    "/sys/reset": Case(),
    "/sys/get_status": Case(),
    "/sys/get_time_config": Case(),
    "/sys/set_time_config": Case(body={"sntp": "ntp.example.org", "timezone": "UTC+8"}),
    "/sys/get_log": Case(),
    "/sys/upgrade_online_certificate": Case(prepare=online_certificate),
    "/sys/upgrade_local_certificate": Case(body=PEM),
    "/sys/check_current_firmware": Case(),
    "/sys/check_online_firmware": Case(),
    "/sys/upgrade_online_firmware": Case(prepare=offered_firmware),
    "/sys/check_upgrade_status": Case(),
    "/sys/export_sys_config": Case(prepare=configured_uplinks),
    "/sys/import_sys_config": Case(prepare=exported_config),
}

# Served and documented endpoints left out, each with the reason. None today.
SKIPPED: dict[str, str] = {}


def served(app: FastAPI) -> dict[str, set[str]]:
    """Return the app's routes (its OpenAPI `paths`) with their methods, upper case."""
    paths: dict[str, dict[str, object]] = app.openapi()["paths"]
    return {path: {method.upper() for method in methods} for path, methods in paths.items()}


def test_every_served_documented_endpoint_is_checked(app: FastAPI) -> None:
    routes = served(app)
    documented = set(routes) & set(SPEC)
    assert not set(CASES) & set(SKIPPED)
    unchecked = documented - set(CASES) - set(SKIPPED)
    assert not unchecked, f"served and documented, but no Case in CASES: {sorted(unchecked)}"
    gone = (set(CASES) | set(SKIPPED)) - documented
    assert not gone, f"in CASES or SKIPPED, but not served or not documented: {sorted(gone)}"
    # Guards the comparison itself: the app's paths and the document's must meet.
    assert {"/ui/login", "/otbr/get_status", "/sys/get_info"} <= documented


def test_served_endpoints_take_the_documented_method(app: FastAPI) -> None:
    routes = served(app)
    wrong = {p: (SPEC[p].method, sorted(m)) for p, m in routes.items() if p in SPEC}
    wrong = {p: pair for p, pair in wrong.items() if pair[0] not in pair[1]}
    assert not wrong, f"documented method not served: {wrong}"


@pytest.mark.parametrize("path", sorted(CASES))
async def test_response_has_the_documented_fields(
    path: str, api: httpx.AsyncClient, clock: ManualClock
) -> None:
    case, endpoint = CASES[path], SPEC[path]
    caller = Caller(api, clock)
    await caller.enter(case.state)
    body = await case.prepare(caller) if case.prepare else case.body
    result = await caller.ok(endpoint.method, path, body)
    assert problems(result, endpoint.response, need_elements=True) == [], (path, result)


async def test_login_answers_the_sid_of_its_example(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    # The login table (lines 171-174) lists no field; its example (lines 115-122) has `sid`.
    caller = Caller(api, clock)
    await caller.enter(State.IDLE)
    result = await caller.ok("POST", "/ui/login", await login_body(caller))
    assert isinstance(result["sid"], str)
    assert result["sid"]


async def test_get_status_keeps_every_field_with_thread_off(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    # docs/contract.md §4: a fresh device has a network but Thread off; Network keeps every key.
    caller = Caller(api, clock)
    await caller.enter(State.IDLE)
    result = await caller.ok("GET", "/otbr/get_status")
    assert result["RCP"]["State"] == 0
    assert problems(result, SPEC["/otbr/get_status"].response) == []


async def test_joiner_list_after_a_join(api: httpx.AsyncClient, clock: ManualClock) -> None:
    # A joined entry carries JoinedTime too; the light bulb retries every 15 s from 10 s on.
    caller = Caller(api, clock)
    await caller.enter(State.LEADER)
    await caller.wait_for(
        "GET", "/otbr/get_joiner_list", lambda r: r["DeviceList"][0]["Status"] == 2, limit=60
    )
    result = await caller.ok("GET", "/otbr/get_joiner_list")
    assert problems(result, SPEC["/otbr/get_joiner_list"].response, need_elements=True) == []
    entry = result["DeviceList"][0]
    assert (entry["EUI64"], entry["PSKd"]) == (JOINER_EUI64, JOINER_PSKD)
    assert entry["JoinedTime"] >= entry["AddTime"] > 0
