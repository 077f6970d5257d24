"""Radio URLs and the transports they open."""

from __future__ import annotations

import pytest

from s20.otcli import (
    ExecTransport,
    RadioUrl,
    SerialTransport,
    UnixTransport,
    open_transport,
    parse_radio_url,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("unix:/run/openthread-wpan0.sock", RadioUrl("unix", path="/run/openthread-wpan0.sock")),
        ("unix:relative.sock", RadioUrl("unix", path="relative.sock")),
        ("exec:ot-cli-ftd 1", RadioUrl("exec", argv=("ot-cli-ftd", "1"))),
        (
            "exec:python3 -m 'my node' --flag",
            RadioUrl("exec", argv=("python3", "-m", "my node", "--flag")),
        ),
        ("serial:/dev/ttyACM0", RadioUrl("serial", path="/dev/ttyACM0", baud=115200)),
        ("serial:/dev/ttyACM0?baud=460800", RadioUrl("serial", path="/dev/ttyACM0", baud=460800)),
        ("sim:", RadioUrl("sim")),
        ("sim:scenarios/busy.toml", RadioUrl("sim", path="scenarios/busy.toml")),
        ("SIM:", RadioUrl("sim")),
    ],
)
def test_valid_urls(url: str, expected: RadioUrl) -> None:
    parsed = parse_radio_url(url)
    assert parsed == expected
    assert parse_radio_url(str(parsed)) == parsed


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "no scheme"),
        ("/run/openthread-wpan0.sock", "no scheme"),
        ("unix:", "socket path"),
        ("exec:", "command to run"),
        ("exec:   ", "command to run"),
        ("exec:ot-cli-ftd 'unclosed", "cannot split"),
        ("serial:", "device"),
        ("serial:?baud=9600", "device"),
        ("serial:/dev/ttyACM0?baud=fast", "positive integer"),
        ("serial:/dev/ttyACM0?baud=0", "positive integer"),
        ("serial:/dev/ttyACM0?baud=-9600", "positive integer"),
        ("serial:/dev/ttyACM0?baud=\u00b2", "positive integer"),
        ("serial:/dev/ttyACM0?parity=even", "unknown option 'parity'"),
        ("serial:/dev/ttyACM0?baud", "bad query"),
        ("tcp:127.0.0.1:9000", "unknown scheme 'tcp'"),
    ],
)
def test_invalid_urls(url: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_radio_url(url)


def test_open_transport() -> None:
    unix = open_transport(parse_radio_url("unix:/run/openthread-wpan0.sock"))
    assert isinstance(unix, UnixTransport)
    assert unix.description == "unix:/run/openthread-wpan0.sock"
    child = open_transport(parse_radio_url("exec:ot-cli-ftd 1"))
    assert isinstance(child, ExecTransport)
    assert child.argv == ("ot-cli-ftd", "1")
    assert child.description == "exec:ot-cli-ftd 1"
    port = open_transport(parse_radio_url("serial:/dev/ttyACM0?baud=9600"))
    assert isinstance(port, SerialTransport)
    assert (port.device, port.baud) == ("/dev/ttyACM0", 9600)
    assert port.description == "serial:/dev/ttyACM0?baud=9600"


def test_sim_is_not_opened_here() -> None:
    with pytest.raises(ValueError, match=r"s20\.sim"):
        open_transport(parse_radio_url("sim:"))


def test_transport_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="command"):
        ExecTransport([])
    with pytest.raises(ValueError, match="baud"):
        SerialTransport("/dev/ttyACM0", 0)
