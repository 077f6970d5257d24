"""Random JSON in known fields never crashes a route: always a proper envelope, never -32020."""

from __future__ import annotations

from typing import Any

import httpx2 as httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.helpers import init_and_login
from tests.conftest import call

# Field names each POST route knows; values are drawn at random below.
FIELDS: dict[str, list[str]] = {
    "/otbr/set_config": ["NetworkName", "ExtPanId", "PanId", "Passphrase", "NetworkKey", "Channel"],
    "/otbr/set_txpower": ["TXPower"],
    "/otbr/set_commissioning": ["Enable"],
    "/otbr/add_joiner": ["PSKd", "Timeout", "EUI64"],
    "/otbr/rejoin_all": ["Type", "Timeout"],
    "/otbr/remove_joiner_list": ["DeviceList"],
    "/otbr/import_joiner_list": ["joiner_list_version", "DeviceList"],
    "/otbr/commit_joiner_list": ["Timeout"],
    "/otbr/get_join_status": ["CredentialType"],
    "/sys/set_admin_pwd": ["username", "old_pwd", "new_pwd"],
    "/sys/set_time_config": ["sntp", "timezone"],
    "/sys/import_sys_config": ["cfg_ver", "ui_cfg", "sntp_cfg", "otbr_cfg", "wifi_cfg"],
    "/sim/joiner": ["EUI64", "PSKd"],
    "/sim/remove_joiner": ["EUI64"],
    "/sim/thread_network": ["NetworkName", "ExtPanId", "PanId", "Channel", "Rssi", "Lqi", "PSKd"],
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["*", "0x1234", "J01NME", "18b4300000000002"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["EUI64", "PSKd", "x"]), inner, max_size=3)
    ),
    max_leaves=8,
)


def bodies(path: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(FIELDS[path]), json_values, max_size=6)


@pytest.fixture
async def token(api: httpx.AsyncClient) -> str:
    return await init_and_login(api)


@pytest.mark.parametrize("path", sorted(FIELDS))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
async def test_random_bodies_get_an_envelope(
    api: httpx.AsyncClient, token: str, path: str, data: st.DataObject
) -> None:
    body = data.draw(bodies(path))
    answer = await call(api, "POST", path, body, token=token)
    assert isinstance(answer["code"], int)
    assert answer["code"] != -32020, (path, body, answer)
    if answer["code"] == 0:
        assert isinstance(answer["result"], dict)
    else:
        assert set(answer) == {"code", "err_msg"}
        assert answer["err_msg"]
