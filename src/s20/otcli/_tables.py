"""Parsers for the CLI's `| a | b |` tables: scan, discover, energy scan, joiner table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._errors import OtCliParseError
from ._models import (
    Discerner,
    DiscoverResult,
    EnergyScanResult,
    JoinerEntry,
    ScanResult,
)

__all__ = [
    "parse_discover",
    "parse_energy_scan",
    "parse_joiner_table",
    "parse_scan",
    "parse_table",
]

_INT = re.compile(r"^-?\d+$")
_HEX = re.compile(r"^[0-9a-fA-F]+$")


def _cells(line: str, what: str) -> list[str]:
    if len(line) < 2 or not (line.startswith("|") and line.endswith("|")):
        raise OtCliParseError(f"{what}: not a table row: {line!r}")
    return line[1:-1].split("|")


def parse_table(
    lines: Sequence[str], what: str, *, free_text: str | None = None
) -> list[dict[str, str]]:
    """Read a table into one dict per row, keyed by the header's column names.

    Cells are stripped. `free_text` names the one column whose values may contain
    `|` (a network name): extra cells in a row are joined back into it.
    """
    body = [line for line in lines if line.strip()]
    if len(body) < 2 or not body[1].startswith("+"):
        raise OtCliParseError(f"{what}: expected a header and a +---+ line, got {list(lines)!r}")
    header = [cell.strip() for cell in _cells(body[0], what)]
    rows = []
    for line in body[2:]:
        raw = _cells(line, what)
        extra = len(raw) - len(header)
        if extra > 0 and free_text in header:
            at = header.index(free_text)
            raw[at : at + extra + 1] = ["|".join(raw[at : at + extra + 1])]
        if len(raw) != len(header):
            raise OtCliParseError(f"{what}: row does not match the header: {line!r}")
        row = {}
        for name, cell in zip(header, raw, strict=True):
            # `| %-16s |`: one blank, the left-aligned text, then padding.
            row[name] = cell[1:].rstrip() if name == free_text else cell.strip()
        rows.append(row)
    return rows


def _column(row: dict[str, str], name: str, what: str) -> str:
    try:
        return row[name]
    except KeyError:
        raise OtCliParseError(f"{what}: no {name!r} column in {sorted(row)}") from None


def _int(row: dict[str, str], name: str, what: str) -> int:
    text = _column(row, name, what)
    if _INT.match(text) is None:
        raise OtCliParseError(f"{what}: {name} is not a number: {text!r}")
    return int(text)


def _hex(row: dict[str, str], name: str, digits: int, what: str) -> str:
    text = _column(row, name, what)
    if len(text) != digits or _HEX.match(text) is None:
        raise OtCliParseError(f"{what}: {name} is not {digits} hex digits: {text!r}")
    return text.lower()


def parse_scan(lines: Sequence[str]) -> list[ScanResult]:
    """Read the table of an active `scan`."""
    return [
        ScanResult(
            panid=int(_hex(row, "PAN", 4, "scan"), 16),
            ext_address=_hex(row, "MAC Address", 16, "scan"),
            channel=_int(row, "Ch", "scan"),
            rssi=_int(row, "dBm", "scan"),
            lqi=_int(row, "LQI", "scan"),
        )
        for row in parse_table(lines, "scan", free_text="Network Name")
    ]


def parse_discover(lines: Sequence[str]) -> list[DiscoverResult]:
    """Read the table of `discover` (older builds add a `J` joinable column)."""
    results = []
    for row in parse_table(lines, "discover", free_text="Network Name"):
        joinable = None
        if "J" in row:
            if row["J"] not in ("0", "1"):
                raise OtCliParseError(f"discover: J is not 0 or 1: {row['J']!r}")
            joinable = row["J"] == "1"
        results.append(
            DiscoverResult(
                network_name=_column(row, "Network Name", "discover"),
                extended_panid=_hex(row, "Extended PAN", 16, "discover"),
                panid=int(_hex(row, "PAN", 4, "discover"), 16),
                ext_address=_hex(row, "MAC Address", 16, "discover"),
                channel=_int(row, "Ch", "discover"),
                rssi=_int(row, "dBm", "discover"),
                lqi=_int(row, "LQI", "discover"),
                joinable=joinable,
            )
        )
    return results


def parse_energy_scan(lines: Sequence[str]) -> list[EnergyScanResult]:
    """Read the table of `scan energy`."""
    return [
        EnergyScanResult(
            channel=_int(row, "Ch", "scan energy"), rssi=_int(row, "RSSI", "scan energy")
        )
        for row in parse_table(lines, "scan energy")
    ]


def parse_joiner_table(lines: Sequence[str]) -> list[JoinerEntry]:
    """Read `commissioner joiner table`: `*`, an EUI-64 or a discerner, the PSKd, ms left."""
    entries = []
    for row in parse_table(lines, "commissioner joiner table"):
        joiner = _column(row, "ID", "commissioner joiner table")
        eui64 = discerner = None
        if "/" in joiner:
            try:
                discerner = Discerner.parse(joiner)
            except ValueError as exc:
                raise OtCliParseError(f"commissioner joiner table: {exc}") from exc
        elif joiner != "*":
            eui64 = _hex(row, "ID", 16, "commissioner joiner table")
        pskd = _column(row, "PSKd", "commissioner joiner table")
        if not pskd:
            raise OtCliParseError(f"commissioner joiner table: empty PSKd in {row!r}")
        entries.append(
            JoinerEntry(
                any_joiner=joiner == "*",
                eui64=eui64,
                discerner=discerner,
                pskd=pskd,
                expiration_ms=_int(row, "Expiration", "commissioner joiner table"),
            )
        )
    return entries
