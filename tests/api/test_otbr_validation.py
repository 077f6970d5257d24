"""Every invalid value of every `/otbr/*` POST field: -32602 naming it, nothing changed."""

from __future__ import annotations

import json

import httpx2 as httpx
import pytest

from tests.api.helpers import init_and_login
from tests.conftest import call

GOOD_EUI = "18b4300000000002"

# (path, a valid body, field, invalid values). Each invalid value replaces the field in the
# valid body, so the field under test is the only thing wrong.
CASES: list[tuple[str, dict[str, object], str, list[object]]] = [
    ("/otbr/set_config", {}, "NetworkName", ["", "x" * 17, "ü" * 9, 5, None, True, ["a"]]),
    (
        "/otbr/set_config",
        {},
        "ExtPanId",
        ["", "00010203040506", "000102030405060708", "zz01020304050607", 1, True],
    ),
    (
        "/otbr/set_config",
        {},
        "PanId",
        [0, 0xFFFF, -1, 70000, "0x", "0xFFFF", "12", "0xzz", True, 1.5],
    ),
    ("/otbr/set_config", {}, "Passphrase", ["", "short", "x" * 256, 123456, False]),
    (
        "/otbr/set_config",
        {},
        "NetworkKey",
        [
            "",
            "00112233",
            "00112233445566778899aabbccddeeffaa",
            "g0112233445566778899aabbccddeeff",
            0,
        ],
    ),
    ("/otbr/set_config", {}, "Channel", [10, 27, 0, -1, "15", True, 15.0]),
    ("/otbr/set_txpower", {"TXPower": 0}, "TXPower", [-25, 21, "5", None, True, 1.5]),
    ("/otbr/set_commissioning", {"Enable": False}, "Enable", [1, 0, "true", None]),
    (
        "/otbr/add_joiner",
        {"PSKd": "J01NME"},
        "PSKd",
        ["", "J01NM", "J01NMEO", "j01nme", "J01NMEI", "J01NMEQ", "J01NMEZ", "X" * 33, 123456, None],
    ),
    (
        "/otbr/add_joiner",
        {"PSKd": "J01NME"},
        "EUI64",
        ["", "18b43000000000", "18b430000000000200", "xyz4300000000002", "**", 5, None],
    ),
    ("/otbr/add_joiner", {"PSKd": "J01NME"}, "Timeout", [0, -1, 65536, "120", True, None]),
    ("/otbr/rejoin_all", {"Type": 3}, "Type", [0, 4, -1, "3", True, None]),
    ("/otbr/rejoin_all", {"Type": 3}, "Timeout", [0, 65536, "1", False]),
    (
        "/otbr/remove_joiner_list",
        {"DeviceList": []},
        "DeviceList",
        ["18b4300000000002", None, [1], ["nothex"], {"a": 1}],
    ),
    (
        "/otbr/import_joiner_list",
        {"joiner_list_version": "1", "DeviceList": []},
        "joiner_list_version",
        ["2", 1, None],
    ),
    (
        "/otbr/import_joiner_list",
        {"joiner_list_version": "1", "DeviceList": []},
        "DeviceList",
        [
            None,
            "x",
            [{"EUI64": "bad", "PSKd": "J01NME"}],
            [{"EUI64": GOOD_EUI, "PSKd": "bad"}],
            [{"EUI64": GOOD_EUI}],
            [{"EUI64": GOOD_EUI, "PSKd": "J01NME"}] * 2,
            [{"EUI64": f"{i:016x}", "PSKd": "J01NME"} for i in range(51)],
        ],
    ),
    ("/otbr/commit_joiner_list", {}, "Timeout", [0, 65536, "60", True]),
    (
        "/otbr/join",
        {"CredentialType": "pskdType", "PSKd": "J01NME"},
        "CredentialType",
        ["", "pskd", 1, None],
    ),
    ("/otbr/join", {"CredentialType": "pskdType", "PSKd": "J01NME"}, "PSKd", [None, "", "bad", 5]),
    # A field the credential type does not use is still a known field: checked if given.
    ("/otbr/join", {"CredentialType": "pskdType", "PSKd": "J01NME"}, "Channel", [3981, "15"]),
    ("/otbr/join", {"CredentialType": "pskdType", "PSKd": "J01NME"}, "PanId", [0, 0xFFFF]),
    ("/otbr/join", {"CredentialType": "pskdType", "PSKd": "J01NME"}, "NetworkKey", ["00"]),
    (
        "/otbr/join",
        {"CredentialType": "networkKeyType", "NetworkKey": "00" * 16, "Channel": 15, "PanId": 4660},
        "NetworkKey",
        [None, "00", "zz" * 16, 1],
    ),
    (
        "/otbr/join",
        {"CredentialType": "networkKeyType", "NetworkKey": "00" * 16, "Channel": 15, "PanId": 4660},
        "Channel",
        [None, 10, 27, "15"],
    ),
    (
        "/otbr/join",
        {"CredentialType": "networkKeyType", "NetworkKey": "00" * 16, "Channel": 15, "PanId": 4660},
        "PanId",
        [None, 0, 0xFFFF, "0xFFFF", True],
    ),
]

FLAT = [
    pytest.param(path, body, field, bad, id=f"{path}:{field}:{bad!r}"[:80])
    for path, body, field, bads in CASES
    for bad in bads
]


@pytest.fixture
async def token(api: httpx.AsyncClient) -> str:
    token = await init_and_login(api)
    data = await call(
        api, "POST", "/otbr/add_joiner", {"EUI64": GOOD_EUI, "PSKd": "J01NME"}, token=token
    )
    assert data["code"] == 0
    return token


async def snapshot(api: httpx.AsyncClient, token: str) -> tuple[object, ...]:
    status = await call(api, "GET", "/otbr/get_status", token=token)
    joiners = await call(api, "GET", "/otbr/get_joiner_list", token=token)
    exported = await call(api, "GET", "/otbr/export_joiner_list", token=token)
    return status, joiners, exported


@pytest.mark.parametrize(("path", "body", "field", "bad"), FLAT)
async def test_invalid_value_is_refused_and_changes_nothing(
    api: httpx.AsyncClient,
    token: str,
    path: str,
    body: dict[str, object],
    field: str,
    bad: object,
) -> None:
    before = await snapshot(api, token)
    data = await call(api, "POST", path, {**body, field: bad}, token=token)
    assert data["code"] == -32602, data
    assert field in str(data["err_msg"]), data
    assert "result" not in data
    assert await snapshot(api, token) == before
    # Nothing was staged either: committing still has nothing to take.
    commit = await call(api, "POST", "/otbr/commit_joiner_list", {}, token=token)
    assert commit["code"] == -32010


@pytest.mark.parametrize(
    ("path", "body"), sorted({(c[0], json.dumps(c[1], sort_keys=True)) for c in CASES})
)
async def test_the_valid_bodies_are_valid(
    api: httpx.AsyncClient, token: str, path: str, body: str
) -> None:
    # Guards the table: the base body of each case must itself be accepted.
    if path == "/otbr/join":
        pytest.skip("join starts an attempt; covered in test_otbr")
    data = await call(api, "POST", path, json.loads(body), token=token)
    assert data["code"] in (0, -32010), data
