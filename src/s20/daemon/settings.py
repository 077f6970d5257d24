"""Daemon settings: command line over `S20_*` environment over a TOML file over defaults."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Settings", "default_state_dir", "load_config_file"]

LOG_LEVELS = ("debug", "info", "warning", "error")


def default_state_dir() -> Path:
    """Return the per-user state folder: `$XDG_STATE_HOME/s20` or `~/.local/state/s20`."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "s20"


@dataclass(frozen=True)
class Settings:
    """Everything `s20d` is told at start."""

    host: str = "127.0.0.1"
    port: int = 8080
    state_dir: Path = Path()
    log_level: str = "info"
    hostname: str = "gl-s20-otbr"
    radio: str = "sim:"
    sim_speed: float = 1.0
    allowed_hosts: tuple[str, ...] = ()
    forwarded_allow_ips: tuple[str, ...] = ()
    max_connections: int = 1000
    header_timeout: float = 10.0
    firmware_feed: str | None = None
    otbr_rest_port: int = 8081
    otbr_rest_read_only: bool = False
    platform: str = "sim"
    thread_iface: str = "wpan0"
    eth_iface: str = "eth0"
    wifi_iface: str = "wlan0"
    firmware_installer: str | None = None
    host_root: Path = Path("/")


# Keys a config file may hold, with the type each must have.
_FILE_KEYS: dict[str, type] = {
    "host": str,
    "port": int,
    "state_dir": str,
    "log_level": str,
    "hostname": str,
    "radio": str,
    "sim_speed": float,
    "allowed_hosts": str,
    "forwarded_allow_ips": str,
    "max_connections": int,
    "header_timeout": float,
    "firmware_feed": str,
    "otbr_rest_port": int,
    "otbr_rest_read_only": bool,
    "platform": str,
    "thread_iface": str,
    "eth_iface": str,
    "wifi_iface": str,
    "firmware_installer": str,
    "host_root": str,
}


def load_config_file(path: Path) -> dict[str, Any]:
    """Read a TOML config file into option defaults; unknown or mistyped keys are errors."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read config file {path}: {exc}") from exc
    values: dict[str, Any] = {}
    for key, value in data.items():
        expected = _FILE_KEYS.get(key)
        if expected is None:
            known = ", ".join(sorted(_FILE_KEYS))
            raise ValueError(f"config file {path}: unknown key {key!r} (known: {known})")
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            kind = {int: "an integer", float: "a number", bool: "true or false"}.get(
                expected, "a string"
            )
            raise ValueError(f"config file {path}: {key} must be {kind}")
        values[key] = value
    return values
