"""The API document parser, on known endpoints (lines cite gl-s20-http-api.txt)."""

from __future__ import annotations

import pytest

from .spec import ENVELOPE_FIELDS, SPEC_PATH, TYPES, Endpoint, SpecError, overview_paths, parse_spec

TEXT = SPEC_PATH.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
SPEC = parse_spec(TEXT)


def rows(endpoint: Endpoint) -> list[tuple[str, str]]:
    return [(f.path, f.type) for f in endpoint.response]


def test_every_overview_endpoint_has_a_section() -> None:
    # Overview: lines 9-68, 55 endpoints in six groups; each has its own section.
    listed = overview_paths(TEXT)
    assert len(listed) == 55
    assert listed[0] == "/ui/challenge"  # line 9
    assert listed[-1] == "/sys/restart"  # line 68
    assert sorted(SPEC) == sorted(listed)


def test_get_status() -> None:
    # Lines 214-254: 22 rows; RCP.State's values run on over lines 243-247.
    status = SPEC["/otbr/get_status"]
    assert status.method == "GET"  # line 218
    assert status.line == 214
    assert rows(status) == [
        ("OpenThreadVersionAPI", "string"),
        ("OTBRVersion", "string"),
        ("ThreadVersion", "string"),
        ("Network", "object"),
        ("Network.Channel", "number"),
        ("Network.ExtPanId", "string"),
        ("Network.NetworkKey", "string"),
        ("Network.NetworkName", "string"),
        ("Network.PanId", "string"),
        ("Network.PSKc", "string"),
        ("Network.Passphrase", "string"),
        ("Network.MeshLocalPrefix", "string"),
        ("Network.OnMeshPrefix", "string"),
        ("Network.IPv6", "array"),
        ("Network.ActiveDataset", "string"),
        ("RCP", "object"),
        ("RCP.State", "number"),
        ("RCP.RCPVersion", "string"),
        ("RCP.ExtAddress", "string"),
        ("RCP.EUI64", "string"),
        ("RCP.TXPower", "number"),
        ("RCP.Rloc16", "number"),
    ]
    lines = {f.path: f.line for f in status.response}
    assert (lines["OpenThreadVersionAPI"], lines["RCP.State"], lines["RCP.RCPVersion"]) == (
        226,
        242,
        248,
    )
    assert lines["RCP.Rloc16"] == 252


def test_scan() -> None:
    # Lines 266-274: ScanList and its six element fields; PanId is a number here (line 274).
    scan = SPEC["/otbr/scan"]
    assert scan.method == "GET"
    assert rows(scan) == [
        ("ScanList", "array"),
        ("ScanList[x].Channel", "number"),
        ("ScanList[x].Rssi", "number"),
        ("ScanList[x].Lqi", "number"),
        ("ScanList[x].NetworkName", "string"),
        ("ScanList[x].ExtPanId", "string"),
        ("ScanList[x].PanId", "number"),
    ]
    assert scan.response[-1].line == 274


def test_request_tables_are_not_read() -> None:
    # get_join_status (POST, line 282): its request row CredentialType runs on (287-290).
    assert SPEC["/otbr/get_join_status"].method == "POST"
    assert rows(SPEC["/otbr/get_join_status"]) == [("status", "number")]  # line 293
    # import_joiner_list: the request table is garbled (lines 536-538), the response is not.
    garbled = SPEC["/otbr/import_joiner_list"]
    assert "arrayarray" in LINES[536 - 1]
    assert (garbled.method, garbled.response) == ("POST", ())
    # import_sys_config lists code and err_msg in its request table (1422-1423) too.
    assert LINES[1422 - 1].startswith("code number")
    assert SPEC["/sys/import_sys_config"].response == ()


def test_swapped_columns() -> None:
    # "Field Description Type" headers: lines 1103 and 1166; only envelope rows follow.
    assert LINES[1166 - 1] == "Field Description Type"
    assert SPEC["/sys/get_log"].response == ()
    assert SPEC["/sys/upgrade_online_firmware"].response == ()
    assert SPEC["/sys/check_upgrade_status"].method == "GET"
    assert rows(SPEC["/sys/check_upgrade_status"]) == [("status", "number")]  # line 1119


def test_small_tables() -> None:
    assert rows(SPEC["/ui/challenge"]) == [
        ("alg", "number"),
        ("salt", "string"),
        ("nonce", "string"),
    ]  # lines 138-140
    assert ("initialized", "boolean") in rows(SPEC["/ui/check_initialized"])  # line 206
    assert len(SPEC["/ui/check_initialized"].response) == 6  # lines 203-208
    assert rows(SPEC["/otbr/get_joiner_list"])[-1] == ("DeviceList[x].JoinedTime", "number")
    assert len(SPEC["/otbr/get_joiner_list"].response) == 7  # lines 477-487
    assert rows(SPEC["/otbr/export_joiner_list"]) == [
        ("joiner_list_version", "string"),
        ("DeviceList", "array"),
        ("DeviceList[x].EUI64", "string"),
        ("DeviceList[x].PSKd", "string"),
    ]  # lines 519-522
    assert ("eth.check_ipv4[x]", "string") in rows(SPEC["/wan_failover/get_config"])  # line 901
    assert SPEC["/otbr/generate_thread_network"].method == "GET"  # line 372
    assert SPEC["/ui/login"].response == ()  # lines 172-174: the sid is only in the example


def test_export_sys_config() -> None:
    # Lines 1182-1295: 67 rows; time_zone's 27 values run on over lines 1188-1214.
    export = SPEC["/sys/export_sys_config"]
    assert export.method == "POST"
    assert len(export.response) == 67
    assert ("sntp_cfg.time_zone", "string") in rows(export)
    assert rows(export)[6] == ("otbr_cfg", "object")  # line 1215, after the run-on
    assert export.response[6].line == 1215
    assert export.response[-1].path == "wifi_saved.list[x].ipv4.gateway"  # line 1295


def test_every_row_points_at_its_line() -> None:
    count = 0
    for endpoint in SPEC.values():
        assert LINES[endpoint.line - 1] == endpoint.path
        for field in endpoint.response:
            assert field.type in TYPES
            assert field.path not in ENVELOPE_FIELDS
            assert LINES[field.line - 1].split()[:2] == [field.path, field.type]
            count += 1
    assert count == 197


SECTION = """/otbr/thing

  • Request Method: {method}

  • Response parameters:
Field Type Description
{row}
code number 0 means success
"""


def test_rows_and_envelope() -> None:
    spec = parse_spec(SECTION.format(method="GET", row="Thing.Count number How many\n1: one"))
    assert rows(spec["/otbr/thing"]) == [("Thing.Count", "number")]
    assert spec["/otbr/thing"].response[0].line == 7


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (SECTION.format(method="GET", row="Thing integer A count"), 7, "unknown type 'integer'"),
        (SECTION.format(method="PUT", row=""), 3, "unknown method 'PUT'"),
        (SECTION.replace("  • Request Method: {method}", "").format(row=""), 1, "no Request"),
        (SECTION.format(method="GET", row="").replace("Field Type", "Name Type"), 6, "header"),
        ("/otbr/thing\n\n  • Request Method: GET\n", 1, "no Response parameters"),
        (SECTION.format(method="GET", row="") * 2, 9, "documented twice"),
    ],
)
def test_what_does_not_read_is_an_error(text: str, line: int, reason: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    assert caught.value.line == line
    assert reason in caught.value.reason
