"""CA certificates: uploaded or downloaded PEM, then trusted for the device's HTTPS fetches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.daemon.device import Device
from tests.api.file_server import CA, Served, serve_files
from tests.api.helpers import init_and_login, login
from tests.conftest import call

ONLINE = "/sys/upgrade_online_certificate"
LOCAL = "/sys/upgrade_local_certificate"


@pytest.fixture(scope="module")
def ca() -> CA:
    return CA()


@pytest.fixture
def https(ca: CA, tmp_path: Path) -> Iterator[Served]:
    with serve_files(ca.server_context(tmp_path / "tls")) as served:
        served.files["/ca.pem"] = ca.pem
        yield served


async def upload(api: httpx.AsyncClient, token: str, **kwargs: object) -> dict[str, object]:
    response = await api.post(LOCAL, headers={"Token": token}, **kwargs)  # type: ignore[arg-type]
    data = response.json()
    assert isinstance(data, dict)
    return data


async def test_an_uploaded_ca_verifies_https_and_a_bad_pem_keeps_it(
    api: httpx.AsyncClient, https: Served, ca: CA, device: Device
) -> None:
    token = await init_and_login(api)
    # The test's CA is nobody's yet: the device cannot verify the server.
    refused = await call(api, "POST", ONLINE, {"url": https.url("/ca.pem")}, token)
    assert refused["code"] == -32020, refused
    assert "certificate verify failed" in str(refused["err_msg"])
    assert device.system.certificates.pem() == ""

    data = await upload(api, token, files={"file": ("ca.pem", ca.pem, "application/x-pem-file")})
    assert data == {"code": 0, "result": {}}
    assert device.system.certificates.pem().encode() == ca.pem
    assert await call(api, "POST", ONLINE, {"url": https.url("/ca.pem")}, token) == {
        "code": 0,
        "result": {},
    }

    bad = await upload(api, token, content=b"-----BEGIN CERTIFICATE-----\nnope\n")
    assert bad["code"] == -32602
    assert bad["err_msg"] == "file must be X.509 certificates in PEM"
    assert device.system.certificates.pem().encode() == ca.pem
    # The old CA is still the one in use.
    again = await call(api, "POST", ONLINE, {"url": https.url("/ca.pem")}, token)
    assert again["code"] == 0, again
    assert https.requests == ["/ca.pem", "/ca.pem"]  # the first one never got a request line


async def test_a_raw_pem_body_with_several_certificates(
    api: httpx.AsyncClient, ca: CA, device: Device
) -> None:
    token = await init_and_login(api)
    other = CA("second CA")
    data = await upload(api, token, content=ca.pem + other.pem)
    assert data == {"code": 0, "result": {}}
    assert device.system.certificates.pem().encode() == ca.pem + other.pem


async def test_online_certificate_over_http(api: httpx.AsyncClient, ca: CA, device: Device) -> None:
    token = await init_and_login(api)
    with serve_files() as http:
        http.files["/good.pem"] = ca.pem
        http.files["/junk.pem"] = b"<html>not found</html>"
        bad = await call(api, "POST", ONLINE, {"url": http.url("/junk.pem")}, token)
        assert bad == {
            "code": -32602,
            "err_msg": "url (the downloaded file) must be X.509 certificates in PEM",
        }
        assert device.system.certificates.pem() == ""
        missing = await call(api, "POST", ONLINE, {"url": http.url("/nothing.pem")}, token)
        assert missing["code"] == -32020
        assert "HTTP 404" in str(missing["err_msg"])
        good = await call(api, "POST", ONLINE, {"url": http.url("/good.pem")}, token)
        assert good == {"code": 0, "result": {}}
    assert device.system.certificates.pem().encode() == ca.pem


KEY_ONLY = b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n"  # noqa: E501


@pytest.mark.parametrize(
    ("kwargs", "err_msg"),
    [
        ({"content": b"hello"}, "file must be X.509 certificates in PEM"),
        ({"content": KEY_ONLY}, "file must be X.509 certificates in PEM"),
        ({"content": b""}, "file is required: send the PEM as field `file` or as the body"),
        (
            {"files": {"other": ("ca.pem", b"x")}},
            "file is required (a multipart field holding the PEM)",
        ),
        (
            {"files": {"file": ("ca.der", b"\x30\x82\x01")}},
            "file must be X.509 certificates in PEM",
        ),
    ],
)
async def test_what_is_not_a_pem_certificate_changes_nothing(
    api: httpx.AsyncClient,
    ca: CA,
    device: Device,
    kwargs: dict[str, object],
    err_msg: str,
) -> None:
    token = await init_and_login(api)
    assert (await upload(api, token, content=ca.pem))["code"] == 0
    data = await upload(api, token, **kwargs)
    assert data == {"code": -32602, "err_msg": err_msg}
    assert device.system.certificates.pem().encode() == ca.pem


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1/ca.pem",
        "file:///etc/ssl/certs/ca-certificates.crt",
        "",
        "http://",
        "127.0.0.1/ca.pem",
        "http://127.0.0.1:99999/ca.pem",
        "http://127.0.0.1/ca pem",
        5,
        True,
        None,
        ["http://127.0.0.1/"],
    ],
)
async def test_certificate_urls_other_than_http_are_invalid(
    api: httpx.AsyncClient, device: Device, url: object
) -> None:
    token = await init_and_login(api)
    data = await call(api, "POST", ONLINE, {"url": url}, token)
    assert data["code"] == -32602, data
    assert str(data["err_msg"]).startswith("url "), data
    assert device.system.certificates.pem() == ""


async def test_certificates_survive_a_restart_and_not_a_reset(
    api: httpx.AsyncClient, ca: CA, device: Device
) -> None:
    token = await init_and_login(api)
    assert (await upload(api, token, content=ca.pem))["code"] == 0
    await device.restart()
    await login(api)
    assert device.system.certificates.pem().encode() == ca.pem
    await device.reset()
    assert device.system.certificates.pem() == ""
