"""Host names the device answers to, and cross-site writes it refuses."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from s20.api import create_app
from s20.clock import ManualClock
from s20.daemon.device import Device, DeviceInfo
from s20.daemon.platform import open_platform
from s20.store import Database

INIT = b'{"lang": "en", "password": "goodlife-2026"}'


async def initialized(api: httpx.AsyncClient) -> bool:
    response = await api.get("/ui/check_initialized", headers={"Host": "127.0.0.1"})
    return bool(response.json()["result"]["initialized"])


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.0.0.1:8080",
        "192.0.2.7:80",
        "[::1]",
        "[::1]:8080",
        "[fe80::1]:8080",
        "localhost",
        "localhost:8080",
        "gl-s20-otbr",
        "gl-s20-otbr:8080",
        "gl-s20-otbr.local",
        "GL-S20-OTBR.Local.",
        "printer.local:8080",
    ],
)
async def test_the_devices_host_names_are_served(api: httpx.AsyncClient, host: str) -> None:
    response = await api.get("/ui/check_initialized", headers={"Host": host})
    assert response.status_code == 200
    assert response.json()["code"] == 0


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:8080",
        "gl-s20-otbr.attacker.example",
        "127.0.0.1.nip.io",
        "local",
        "",
        "localhost:port",
    ],
)
async def test_other_host_names_are_refused_and_change_nothing(
    api: httpx.AsyncClient, host: str
) -> None:
    response = await api.post("/ui/set_init", content=INIT, headers={"Host": host})
    assert response.status_code == 421
    body = response.json()
    assert body["code"] == -32000
    assert "is not this device's" in body["err_msg"]
    assert set(body) == {"code", "err_msg"}
    assert not await initialized(api)


async def test_configured_host_names_are_served(device: Device) -> None:
    app = create_app(device, allowed_hosts=["s20.example.org", "Router.Example.NET"])
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://s20.example.org") as api:
        for host in ("s20.example.org", "router.example.net:8443"):
            response = await api.get("/ui/check_initialized", headers={"Host": host})
            assert response.json()["code"] == 0, host
        response = await api.get("/ui/check_initialized", headers={"Host": "other.example.org"})
        assert response.status_code == 421


async def test_another_hostname_is_served_under_its_own_name(
    db: Database, clock: ManualClock
) -> None:
    device = Device(
        db,
        clock,
        await open_platform("sim:", clock, db.path.parent),
        DeviceInfo(hostname="kitchen-br"),
    )
    await device.start()
    try:
        transport = httpx.ASGITransport(
            app=create_app(device, device.routers()), client=("127.0.0.1", 50000)
        )
        async with httpx.AsyncClient(transport=transport, base_url="http://kitchen-br") as api:
            assert (await api.get("/ui/check_initialized")).json()["code"] == 0
            panel = await api.get("/", headers={"Host": "kitchen-br.local:80"})
            assert panel.status_code == 200
            refused = await api.get("/ui/check_initialized", headers={"Host": "gl-s20-otbr"})
            assert refused.status_code == 421
    finally:
        await device.close()


@pytest.mark.parametrize(
    "origin",
    [
        "http://attacker.example",
        "null",
        "http://127.0.0.1:8081",
        "https://127.0.0.1:8080",
        "http://localhost:8080",
        "not a url",
        "http://127.0.0.1:99999",
    ],
)
async def test_cross_site_text_plain_post_cannot_initialize(
    api: httpx.AsyncClient, origin: str
) -> None:
    headers = {"Host": "127.0.0.1:8080", "Origin": origin, "Content-Type": "text/plain"}
    response = await api.post("/ui/set_init", content=INIT, headers=headers)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == -32000
    assert "cross-site request refused" in body["err_msg"]
    assert not await initialized(api)


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("gl-s20-otbr.local", "http://gl-s20-otbr.local"),
        ("gl-s20-otbr.local:80", "http://GL-S20-OTBR.local"),
        ("[::1]:8080", "http://[::1]:8080"),
    ],
)
async def test_the_devices_own_pages_may_post(
    api: httpx.AsyncClient, host: str, origin: str
) -> None:
    headers = {"Host": host, "Origin": origin}
    response = await api.post("/ui/set_init", content=INIT, headers=headers)
    assert response.json() == {"code": 0, "result": {}}


async def test_requests_without_origin_and_reads_are_not_affected(api: httpx.AsyncClient) -> None:
    foreign = {"Host": "127.0.0.1:8080", "Origin": "http://attacker.example"}
    # Reading is allowed cross-site: the browser keeps the answer from the page (no CORS).
    assert (await api.get("/ui/check_initialized", headers=foreign)).json()["code"] == 0
    # curl -d sends no Origin, as in the API document's own examples.
    response = await api.post("/ui/set_init", content=INIT, headers={"Host": "127.0.0.1:8080"})
    assert response.json() == {"code": 0, "result": {}}
    assert await initialized(api)
