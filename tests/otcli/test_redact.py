"""Secrets never reach logs or error messages (network keys, PSKc, passphrases, PSKds)."""

from __future__ import annotations

import logging

import pytest

from s20.clock import ManualClock
from s20.otcli import OtCli, OtCliError, redact
from s20.sim import SimTransport, VirtualNode, World

# Values from transcripts 03 and 06.
KEY = "00112233445566778899aabbccddeeff"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (f"dataset set active 0e08{KEY}", "dataset set active <redacted>"),
        ("dataset set pending 0e080000", "dataset set pending <redacted>"),
        (f"dataset networkkey {KEY}", "dataset networkkey <redacted>"),
        (f"networkkey {KEY}", "networkkey <redacted>"),
        ("dataset pskc 3aa55f91ca47d1e4e71a08cb35e91591", "dataset pskc <redacted>"),
        ("pskc -p 12SECRET\\ PASSWORD34", "pskc -p <redacted>"),
        ("dataset pskc -p 12SECRETPASSWORD34", "dataset pskc -p <redacted>"),
        ("joiner start J01NME", "joiner start <redacted>"),
        ("commissioner joiner add * J01NME 120", "commissioner joiner add * <redacted>"),
        (
            "commissioner joiner add 18b4300000000002 J02NME",
            "commissioner joiner add 18b4300000000002 <redacted>",
        ),
        ("dataset active -x", "dataset active -x"),
        ("networkkey", "networkkey"),
        ("pskc", "pskc"),
        (
            "commissioner joiner remove 18b4300000000002",
            "commissioner joiner remove 18b4300000000002",
        ),
    ],
)
def test_redact(line: str, shown: str) -> None:
    assert redact(line) == shown


async def test_failed_secret_command_keeps_the_secret_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock()
    cli = OtCli(SimTransport(VirtualNode(World(), clock)), clock)
    await cli.start()
    with caplog.at_level(logging.DEBUG, logger="s20.otcli"):
        # Before `ifconfig up` the joiner refuses to start (transcript 06, InvalidState).
        with pytest.raises(OtCliError) as info:
            await cli.command("joiner", "start", "J01NME")
        await cli.command("dataset", "networkkey", KEY)
    await cli.close()
    assert info.value.code == 13
    assert "J01NME" not in str(info.value)
    assert "J01NME" not in repr(info.value)
    assert "J01NME" not in caplog.text
    assert KEY not in caplog.text
    assert "joiner start <redacted>" in caplog.text
