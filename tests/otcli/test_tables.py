"""Tables: scan, discover, energy scan and the commissioner's joiner table."""

from __future__ import annotations

import pytest

from s20.otcli import (
    Discerner,
    DiscoverResult,
    EnergyScanResult,
    JoinerEntry,
    OtCliParseError,
    ScanResult,
    parse_discover,
    parse_energy_scan,
    parse_joiner_table,
    parse_scan,
)
from s20.otcli._tables import parse_table

from .transcripts import find

GLS20 = ScanResult(panid=0x1234, ext_address="8a76c20c9d8fc956", channel=15, rssi=-20, lqi=0)
SECOND = ScanResult(panid=0xBEEF, ext_address="a6a270c5aa3f6cff", channel=20, rssi=-20, lqi=0)


def test_scan_with_one_and_two_networks() -> None:
    scans = [parse_scan(ex.output) for ex in find("scan", ok=True, otbr=False)]
    # 04_scan_discover.txt:100 and :262-263; 10_otctl_daemon.txt:223-225 saw nothing.
    assert [GLS20] in scans
    assert [GLS20, SECOND] in scans
    assert [] in scans
    assert parse_scan(find("scan 11", ok=True)[0].output) == []


def test_discover_rows() -> None:
    # 04_scan_discover.txt:269-270
    last = [ex for ex in find("discover", ok=True) if ex.file.startswith("04_")][-1]
    assert parse_discover(last.output) == [
        DiscoverResult(
            "GLS20-Test", "dead00beef00cafe", 0x1234, "8a76c20c9d8fc956", 15, -20, 0, None
        ),
        DiscoverResult(
            "SecondNet", "1111111122222222", 0xBEEF, "a6a270c5aa3f6cff", 20, -20, 0, None
        ),
    ]


def test_discover_with_a_joinable_column_and_a_pipe_in_a_name() -> None:
    # Older builds print `| J | Network Name | ...`; a name may contain `|`.
    lines = [
        "| J | Network Name     | Extended PAN     | PAN  | MAC Address      | Ch | dBm | LQI |",
        "+---+------------------+------------------+------+------------------+----+-----+-----+",
        "| 1 | a|b net          | dead00beef00cafe | 1234 | 8a76c20c9d8fc956 | 15 | -20 |   0 |",
        "| 0 |  padded         | 1111111122222222 | beef | a6a270c5aa3f6cff | 20 | -100 | 255 |",
    ]
    first, second = parse_discover(lines)
    assert (first.network_name, first.joinable) == ("a|b net", True)
    assert (second.network_name, second.joinable, second.rssi) == (" padded", False, -100)


def test_energy_scan() -> None:
    # 04_scan_discover.txt:139-154
    rows = parse_energy_scan(find("scan energy", ok=True)[0].output)
    assert [r.channel for r in rows] == list(range(11, 27))
    assert rows[3] == EnergyScanResult(channel=14, rssi=-30)
    assert {r.rssi for r in rows} == {-98, -30}


def test_joiner_table_kinds() -> None:
    # 06_commissioning_success.txt:426-429 and :452-454
    tables = [parse_joiner_table(ex.output) for ex in find("commissioner joiner table", ok=True)]
    assert [] in tables
    assert [
        JoinerEntry(True, None, None, "J01NME", 104180),
        JoinerEntry(False, "18b4300000000003", None, "J02NME", 17336),
    ] in tables
    assert [JoinerEntry(False, None, Discerner(0xABC, 12), "J03NME", 60000)] in tables
    entry = next(t for t in tables if t and t[0].discerner)[0]
    assert entry.joiner == "0xabc/12"
    assert tables[0][0].joiner == "*"


def test_table_ignores_the_blank_last_line() -> None:
    # 02_dataset_form_network.txt:386-389 (router table ends with an empty line)
    (ex,) = [e for e in find("router table", ok=True) if e.file.startswith("02_")]
    assert ex.output[-1] == ""
    (row,) = parse_table(ex.output, "router table")
    assert row["Extended MAC"] == "cea69726a5d8ca8a"
    assert row["RLOC16"] == "0x5400"


@pytest.mark.parametrize(
    ("parser", "lines"),
    [
        (parse_scan, []),
        (parse_scan, ["| PAN | MAC Address |"]),
        (parse_scan, ["| PAN  |", "+------+", "| 1234"]),
        (parse_scan, ["| PAN  | Ch |", "+------+----+", "| 1234 | 15 | 9 |"]),
        (
            parse_scan,
            [
                "| PAN  | MAC Address      | Ch | dBm | LQI |",
                "+---+",
                "| 12345 | 8a76c20c9d8fc956 | 15 | -20 | 0 |",
            ],
        ),
        (
            parse_scan,
            [
                "| PAN  | MAC Address      | Ch | dBm | LQI |",
                "+---+",
                "| 1234 | 8a76c20c9d8fc956 | x | -20 | 0 |",
            ],
        ),
        (parse_scan, ["| PAN  | Ch |", "+---+", "| 1234 | 15 |"]),
        (parse_discover, ["| Network Name | PAN |", "+--+", "| x | 1234 |"]),
        (
            parse_discover,
            [
                "| J | Network Name | Extended PAN | PAN | MAC Address | Ch | dBm | LQI |",
                "+-+",
                "| 2 | n | dead00beef00cafe | 1234 | 8a76c20c9d8fc956 | 15 | -20 | 0 |",
            ],
        ),
        (parse_energy_scan, ["| Ch | RSSI |", "+----+------+", "| 11 | loud |"]),
        (parse_joiner_table, ["| ID | PSKd | Expiration |", "+--+", "| 0xabc | J01NME | 1 |"]),
        (parse_joiner_table, ["| ID | PSKd | Expiration |", "+--+", "| 0xabc/0 | J01NME | 1 |"]),
        (parse_joiner_table, ["| ID | PSKd | Expiration |", "+--+", "| * |  | 1 |"]),
    ],
)
def test_malformed_tables(parser: object, lines: list[str]) -> None:
    with pytest.raises(OtCliParseError):
        parser(lines)  # type: ignore[operator]


def test_discerner_bounds() -> None:
    assert str(Discerner(0xABC, 12)) == "0xabc/12"
    with pytest.raises(ValueError, match="fit"):
        Discerner(0x1000, 12)
    with pytest.raises(ValueError, match="length"):
        Discerner(1, 65)
