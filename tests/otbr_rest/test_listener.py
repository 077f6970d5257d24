"""The OTBR REST API's listener options: off with port 0, a taken port one clear error."""

from __future__ import annotations

import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from s20.daemon import main as daemon_main
from s20.daemon.otbr_rest import bind_otbr_rest, otbr_rest_banner
from s20.daemon.settings import Settings, load_config_file
from tests.test_settings import captured  # noqa: F401 - the fixture that catches serve()


def test_port_zero_binds_nothing() -> None:
    assert bind_otbr_rest(Settings(otbr_rest_port=0)) is None


def test_a_port_in_use_is_one_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(click.ClickException, match=f"port {port}.*otbr-agent"):
            bind_otbr_rest(Settings(host="127.0.0.1", otbr_rest_port=port))


def test_it_binds_the_main_listeners_host() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sock = bind_otbr_rest(Settings(host="127.0.0.1", otbr_rest_port=port))
    assert sock is not None
    try:
        assert sock.getsockname() == ("127.0.0.1", port)
    finally:
        sock.close()


def test_the_banner_says_there_is_no_authentication() -> None:
    line = otbr_rest_banner("http://127.0.0.1:8081", read_only=False)
    assert "http://127.0.0.1:8081" in line
    assert "NO authentication" in line
    assert "--otbr-rest-read-only" in line
    assert "read-only" in otbr_rest_banner("http://127.0.0.1:8081", read_only=True)
    assert "off" in otbr_rest_banner(None, read_only=False)


def test_options_flag_env_and_file(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    seen: list[Settings] = request.getfixturevalue("captured")
    runner = CliRunner()
    env: dict[str, str | None] = {"S20_OTBR_REST_PORT": None, "S20_OTBR_REST_READ_ONLY": None}
    assert runner.invoke(daemon_main.main, [], env=env).exit_code == 0
    flags = ["--otbr-rest-port", "0", "--otbr-rest-read-only"]
    assert runner.invoke(daemon_main.main, flags, env=env).exit_code == 0
    env = {"S20_OTBR_REST_PORT": "9081", "S20_OTBR_REST_READ_ONLY": "1"}
    assert runner.invoke(daemon_main.main, [], env=env).exit_code == 0
    cfg = tmp_path / "s20.toml"
    cfg.write_text("otbr_rest_port = 18081\notbr_rest_read_only = true\n")
    args = ["--config", str(cfg)]
    assert runner.invoke(daemon_main.main, args, env={"S20_OTBR_REST_PORT": None}).exit_code == 0
    assert [(s.otbr_rest_port, s.otbr_rest_read_only) for s in seen] == [
        (8081, False),
        (0, True),
        (9081, True),
        (18081, True),
    ]


def test_a_read_only_setting_must_be_true_or_false(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("otbr_rest_read_only = 'yes'\n")
    with pytest.raises(ValueError, match="otbr_rest_read_only must be true or false"):
        load_config_file(cfg)
