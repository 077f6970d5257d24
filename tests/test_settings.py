"""s20d options: command line over S20_* environment over the TOML file over defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from s20.daemon import main as daemon_main
from s20.daemon.settings import Settings, default_state_dir, load_config_file


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    seen: list[Settings] = []

    async def fake_serve(settings: Settings, **_: Any) -> None:
        seen.append(settings)

    monkeypatch.setattr(daemon_main, "serve", fake_serve)
    return seen


def test_defaults(captured: list[Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "/var/tmp/xdg")
    result = CliRunner().invoke(daemon_main.main, [], env={"S20_PORT": None})
    assert result.exit_code == 0, result.output
    assert captured == [Settings(state_dir=Path("/var/tmp/xdg/s20"))]


def test_precedence(captured: list[Settings], tmp_path: Path) -> None:
    cfg = tmp_path / "s20.toml"
    cfg.write_text('host = "::1"\nport = 9000\nhostname = "from-file"\nlog_level = "debug"\n')
    env = {"S20_PORT": "9100", "S20_HOSTNAME": "from-env"}
    args = ["--config", str(cfg), "--hostname", "from-flag", "--state-dir", str(tmp_path)]
    result = CliRunner().invoke(daemon_main.main, args, env=env)
    assert result.exit_code == 0, result.output
    assert captured == [
        Settings(host="::1", port=9100, state_dir=tmp_path, log_level="debug", hostname="from-flag")
    ]


def test_bad_config_file_is_refused(captured: list[Settings], tmp_path: Path) -> None:
    cfg = tmp_path / "s20.toml"
    cfg.write_text("prot = 1\n")
    result = CliRunner().invoke(daemon_main.main, ["--config", str(cfg)])
    assert result.exit_code == 2
    assert "unknown key 'prot'" in result.output
    assert captured == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("port = 'x'", "port must be an integer"),
        ("port = true", "port must be an integer"),
        ("[broken", "cannot read"),
    ],
)
def test_config_file_types(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_config_file(cfg)


def test_bad_port_from_env(captured: list[Settings]) -> None:
    result = CliRunner().invoke(daemon_main.main, [], env={"S20_PORT": "70000"})
    assert result.exit_code == 2
    assert captured == []


def test_default_state_dir_without_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    assert default_state_dir() == Path.home() / ".local" / "state" / "s20"


def test_http_hardening_options(captured: list[Settings], tmp_path: Path) -> None:
    cfg = tmp_path / "s20.toml"
    cfg.write_text(
        'allowed_hosts = "from-file.example"\n'
        'forwarded_allow_ips = "10.0.0.0/8"\n'
        "max_connections = 50\n"
        "header_timeout = 3\n"
    )
    env = {
        "S20_ALLOWED_HOSTS": " s20.example.org, ,router.example.net ",
        "S20_MAX_CONNECTIONS": "9",
    }
    args = ["--config", str(cfg), "--state-dir", str(tmp_path), "--header-timeout", "2.5"]
    result = CliRunner().invoke(daemon_main.main, args, env=env)
    assert result.exit_code == 0, result.output
    assert captured == [
        Settings(
            state_dir=tmp_path,
            allowed_hosts=("s20.example.org", "router.example.net"),
            forwarded_allow_ips=("10.0.0.0/8",),
            max_connections=9,
            header_timeout=2.5,
        )
    ]


def test_http_hardening_defaults(captured: list[Settings], tmp_path: Path) -> None:
    result = CliRunner().invoke(daemon_main.main, ["--state-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (settings,) = captured
    assert settings.allowed_hosts == ()
    assert settings.forwarded_allow_ips == ()
    assert settings.max_connections == 1000
    assert settings.header_timeout == 10.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--forwarded-allow-ips", "127.0.0.1,proxy.example"], "'proxy.example' is no IP address"),
        (["--max-connections", "0"], "--max-connections"),
        (["--header-timeout", "0"], "--header-timeout"),
    ],
)
def test_bad_http_hardening_options(
    captured: list[Settings], args: list[str], message: str
) -> None:
    result = CliRunner().invoke(daemon_main.main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert captured == []
