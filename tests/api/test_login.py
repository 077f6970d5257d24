"""Login, nonces, sessions, lockout and the admin password (docs/contract.md §3)."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable

import httpx2 as httpx
from fastapi import FastAPI

from s20.api import OPEN_PATHS, create_app
from s20.clock import ManualClock
from s20.daemon.device import Device
from tests.api.helpers import challenge, expected_hash, init_and_login, login, try_login
from tests.conftest import PASSWORD, call


async def test_challenge_shape(api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    c1, c2 = await challenge(api), await challenge(api)
    assert c1["alg"] == 66
    assert c1["salt"] == c2["salt"]
    assert c1["nonce"] != c2["nonce"]
    assert len(str(c1["nonce"])) >= 16


async def test_login_before_init_is_32004(api: httpx.AsyncClient) -> None:
    data = await try_login(api)
    assert data["code"] == -32004
    assert (await call(api, "POST", "/sys/restart"))["code"] == -32004


async def test_nonce_valid_for_2000_ms(api: httpx.AsyncClient, clock: ManualClock) -> None:
    await init_and_login(api)
    c = await challenge(api)
    clock.advance(1.999)
    digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
    ok = await call(api, "POST", "/ui/login", {"username": "root", "hash": digest})
    assert ok["code"] == 0

    c = await challenge(api)
    clock.advance(2.001)
    digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
    late = await call(api, "POST", "/ui/login", {"username": "root", "hash": digest})
    assert late["code"] == -32000
    assert "result" not in late


async def test_nonce_is_single_use(api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    c = await challenge(api)
    digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
    body = {"username": "root", "hash": digest}
    assert (await call(api, "POST", "/ui/login", body))["code"] == 0
    assert (await call(api, "POST", "/ui/login", body))["code"] == -32000


async def test_upper_case_hash_and_wrong_username(api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    c = await challenge(api)
    digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"])).upper()
    assert (await call(api, "POST", "/ui/login", {"username": "admin", "hash": digest}))[
        "code"
    ] == -32000
    c = await challenge(api)
    digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"])).upper()
    assert (await call(api, "POST", "/ui/login", {"username": "root", "hash": digest}))["code"] == 0


async def test_session_slides_and_expires(api: httpx.AsyncClient, clock: ManualClock) -> None:
    token = await init_and_login(api)
    for _ in range(5):
        clock.advance(30)
        assert (await call(api, "POST", "/ui/logout", token="nope"))["code"] == -1
        # Any call that presents the token keeps it alive, even one that fails.
        data = await call(api, "POST", "/sys/set_admin_pwd", {"username": 1}, token=token)
        assert data["code"] == -32602
    clock.advance(35)
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == -1


async def test_session_just_before_35_s_lives(api: httpx.AsyncClient, clock: ManualClock) -> None:
    token = await init_and_login(api)
    clock.advance(34.9)
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == 0


async def test_logout_ends_the_session(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    other = await login(api)
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == 0
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == -1
    assert (await call(api, "POST", "/ui/logout", token=other))["code"] == 0


async def test_set_admin_pwd(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    other = await login(api)
    salt_before = (await challenge(api))["salt"]
    new = "another-secret-1"
    bad = await call(
        api,
        "POST",
        "/sys/set_admin_pwd",
        {"username": "root", "old_pwd": "wrong-password", "new_pwd": new},
        token=token,
    )
    assert bad["code"] == -32000
    short = await call(
        api,
        "POST",
        "/sys/set_admin_pwd",
        {"username": "root", "old_pwd": PASSWORD, "new_pwd": "short"},
        token=token,
    )
    assert short["code"] == -32602
    assert "new_pwd" in str(short["err_msg"])
    data = await call(
        api,
        "POST",
        "/sys/set_admin_pwd",
        {"username": "root", "old_pwd": PASSWORD, "new_pwd": new},
        token=token,
    )
    assert data == {"code": 0, "result": {}}
    assert (await challenge(api))["salt"] != salt_before
    # The caller's session lives on; every other one ends.
    assert (await call(api, "POST", "/ui/logout", token=other))["code"] == -1
    assert (await call(api, "POST", "/ui/logout", token=token))["code"] == 0
    assert (await try_login(api, PASSWORD))["code"] == -32000
    assert (await try_login(api, new))["code"] == 0


async def test_lockout_after_five_failures(api: httpx.AsyncClient, clock: ManualClock) -> None:
    await init_and_login(api)
    for _ in range(5):
        assert (await try_login(api, "wrong-password"))["code"] == -32000
    locked = await try_login(api, PASSWORD)
    assert locked["code"] == -32003
    assert "300 seconds" in str(locked["err_msg"])
    clock.advance(299)
    again = await try_login(api, PASSWORD)
    assert again["code"] == -32003
    assert "1 seconds" in str(again["err_msg"])
    clock.advance(1)
    assert (await try_login(api, PASSWORD))["code"] == 0


async def test_success_resets_the_failure_count(api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    for _ in range(4):
        assert (await try_login(api, "wrong-password"))["code"] == -32000
    assert (await try_login(api))["code"] == 0
    for _ in range(4):
        assert (await try_login(api, "wrong-password"))["code"] == -32000
    assert (await try_login(api))["code"] == 0


async def test_lockout_is_per_client_address(app: object, api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    for _ in range(5):
        await try_login(api, "wrong-password")
    transport = httpx.ASGITransport(app=app, client=("127.0.0.2", 50001))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://s20.local") as other:
        assert (await try_login(other))["code"] == 0


async def test_every_protected_route_needs_a_token(device: Device, api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    # The OpenAPI document lists every route the app serves, so new ones are covered.
    paths: dict[str, dict[str, object]] = create_app(device).openapi()["paths"]
    assert set(paths) >= OPEN_PATHS
    protected = {p: methods for p, methods in paths.items() if p not in OPEN_PATHS}
    assert {"/ui/logout", "/sys/set_admin_pwd", "/sys/restart", "/sys/reset"} <= set(protected)
    for path, methods in protected.items():
        for method in methods:
            for token in (None, "", "not-a-session"):
                data = await call(api, method.upper(), path, {}, token=token)
                assert data["code"] == -1, (method, path, token, data)


def test_open_paths_are_exactly_the_documented_ones() -> None:
    assert {"/ui/challenge", "/ui/login", "/ui/check_initialized", "/ui/set_init"} == OPEN_PATHS


async def test_set_init_rules_and_twice(api: httpx.AsyncClient) -> None:
    bad_lang = await call(api, "POST", "/ui/set_init", {"lang": "fr", "password": PASSWORD})
    assert bad_lang["code"] == -32602
    assert "lang" in str(bad_lang["err_msg"])
    for pw in ("123456789", "x" * 33):
        data = await call(api, "POST", "/ui/set_init", {"lang": "en", "password": pw})
        assert data["code"] == -32602
        assert "password" in str(data["err_msg"])
    missing = await call(api, "POST", "/ui/set_init", {"lang": "en"})
    assert missing == {"code": -32602, "err_msg": "password is required"}
    assert (await call(api, "GET", "/ui/check_initialized"))["result"]["initialized"] is False  # type: ignore[index]
    await init_and_login(api)
    again = await call(api, "POST", "/ui/set_init", {"lang": "en", "password": "other-secret-9"})
    assert again["code"] == -32005
    assert (await try_login(api, "other-secret-9"))["code"] == -32000


async def test_only_salt_and_verifier_are_stored(device: Device, api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    device.db.close()
    raw = device.db.path.read_bytes()
    for extra in device.db.path.parent.glob("*-wal"):
        raw += extra.read_bytes()
    assert PASSWORD.encode() not in raw
    with sqlite3.connect(device.db.path) as conn:
        rows = dict(conn.execute("SELECT key, value FROM kv").fetchall())
    assert "password" not in rows["auth"]
    assert set(__import__("json").loads(rows["auth"])) == {"lang", "salt", "verifier"}


async def test_check_initialized(api: httpx.AsyncClient, device: Device) -> None:
    from s20 import __version__

    data = await call(api, "GET", "/ui/check_initialized")
    assert data == {
        "code": 0,
        "result": {
            "initialized": False,
            "model": "S20",
            "hostname": "gl-s20-otbr",
            "firmware_category": "2c",
            "firmware_version": __version__,
            "mac": device.identity.eth_mac,
        },
    }


async def test_sessions_are_bounded_least_recently_used_dropped(api: httpx.AsyncClient) -> None:
    from s20.services.auth import MAX_SESSIONS

    first = await init_and_login(api)
    second = await login(api)
    others = [await login(api) for _ in range(MAX_SESSIONS - 2)]
    # Using `first` makes `second` the least recently used when one more logs in.
    assert (await call(api, "GET", "/otbr/get_bbr_status", token=first))["code"] == 0
    newest = await login(api)
    assert (await call(api, "GET", "/otbr/get_bbr_status", token=second))["code"] == -1
    for token in (first, newest, *others):
        assert (await call(api, "GET", "/otbr/get_bbr_status", token=token))["code"] == 0


async def test_nonces_are_bounded_oldest_dropped(api: httpx.AsyncClient, device: Device) -> None:
    await init_and_login(api)

    async def login_after(flood: Callable[[], Awaitable[object]], times: int) -> object:
        c = await challenge(api)
        for _ in range(times):
            await flood()
        digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
        return (await call(api, "POST", "/ui/login", {"username": "root", "hash": digest}))["code"]

    async def same_address() -> object:
        return await challenge(api)

    # One address holds 8 nonces: its ninth challenge drops its own oldest.
    assert await login_after(same_address, 7) == 0
    assert await login_after(same_address, 8) == -32000
    # 1024 are held in all: past that the oldest of anyone's goes.
    others = iter(f"127.1.{i // 250}.{i % 250}" for i in range(4096))

    async def other_address() -> object:
        return device.auth.challenge(next(others))

    assert await login_after(other_address, 1023) == 0
    assert await login_after(other_address, 1024) == -32000


async def _flood(app: FastAPI, address: str, count: int) -> None:
    transport = httpx.ASGITransport(app=app, client=(address, 50002))
    async with httpx.AsyncClient(transport=transport, base_url="http://s20.local") as flooder:
        for _ in range(count):
            await challenge(flooder)


async def test_token_with_surrounding_spaces_is_the_same_token(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    for sent in (f"{token} ", f" {token}", f"\t{token} \t"):
        response = await api.get("/otbr/get_bbr_status", headers={"Token": sent})
        assert response.json()["code"] == 0, sent
    assert (await call(api, "GET", "/otbr/get_bbr_status", token=f"{token}x"))["code"] == -1


async def test_flood_from_other_addresses_keeps_a_users_nonce(
    api: httpx.AsyncClient, app: FastAPI
) -> None:
    await init_and_login(api)
    c = await challenge(api)  # issued to 127.0.0.1
    for i in range(3):
        await _flood(app, f"127.0.0.{i + 2}", 90)
    digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
    data = await call(api, "POST", "/ui/login", {"username": "root", "hash": digest})
    assert data["code"] == 0, data


async def test_pushed_out_nonce_with_the_right_hash_never_locks_out(api: httpx.AsyncClient) -> None:
    await init_and_login(api)
    for _ in range(5):
        c = await challenge(api)
        for _ in range(8):  # the same address asks for 8 more: its own oldest goes
            await challenge(api)
        digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
        data = await call(api, "POST", "/ui/login", {"username": "root", "hash": digest})
        assert data["code"] == -32000
    assert (await try_login(api))["code"] == 0


async def test_expired_nonce_with_the_right_hash_does_not_count(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    await init_and_login(api)
    for _ in range(6):
        c = await challenge(api)
        clock.advance(2.5)
        digest = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
        data = await call(api, "POST", "/ui/login", {"username": "root", "hash": digest})
        assert data["code"] == -32000
    assert (await try_login(api))["code"] == 0
    # A wrong password after an expired challenge is still a failure.
    for _ in range(5):
        c = await challenge(api)
        clock.advance(2.5)
        digest = expected_hash("wrong-password", str(c["salt"]), str(c["nonce"]))
        await call(api, "POST", "/ui/login", {"username": "root", "hash": digest})
    assert (await try_login(api))["code"] == -32003


async def test_new_password_forgets_the_old_nonces(api: httpx.AsyncClient, device: Device) -> None:
    token = await init_and_login(api)
    c = await challenge(api)
    body = {"username": "root", "old_pwd": PASSWORD, "new_pwd": "another-pass-1"}
    assert (await call(api, "POST", "/sys/set_admin_pwd", body, token=token))["code"] == 0
    old = expected_hash(PASSWORD, str(c["salt"]), str(c["nonce"]))
    assert (await call(api, "POST", "/ui/login", {"username": "root", "hash": old}))[
        "code"
    ] == -32000
    assert (await try_login(api, "another-pass-1"))["code"] == 0


async def test_challenge_before_init_is_good_after_init(api: httpx.AsyncClient) -> None:
    c = await challenge(api)
    await call(api, "POST", "/ui/set_init", {"lang": "en", "password": PASSWORD})
    salt = (await challenge(api))["salt"]
    digest = expected_hash(PASSWORD, str(salt), str(c["nonce"]))
    assert (await call(api, "POST", "/ui/login", {"username": "root", "hash": digest}))["code"] == 0
