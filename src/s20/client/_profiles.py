"""`s20ctl`'s device profiles: named S20s in `config.toml`, kept private to their owner.

The file holds passwords (or commands that print them), so it is written mode 0600 and
refused when other users may read or change it, as ssh does with its keys:

    [devices.kitchen]
    url = "http://192.168.8.1"
    password = "..."                    # or
    password_command = "pass show s20/kitchen"
"""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
import tempfile
import tomllib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import click

__all__ = [
    "NAME_RULE",
    "Profile",
    "ProfileError",
    "config_path",
    "device_url",
    "load_profiles",
    "run_password_command",
    "save_profiles",
]

# A TOML bare key, so the file stays plain and names complete well in a shell.
NAME_RULE = re.compile(r"[A-Za-z0-9_-]{1,64}")
PASSWORD_COMMAND_TIMEOUT = 60.0
_KEYS = {"url", "password", "password_command"}


class ProfileError(click.ClickException):
    """The profiles file, or one profile, cannot be used; exit status 2, as for usage."""

    exit_code = 2


@dataclass(frozen=True)
class Profile:
    """One named device: where it is, and how to get its password (if at all)."""

    name: str
    url: str
    password: str | None = None
    password_command: str | None = None


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Return `$XDG_CONFIG_HOME/s20ctl/config.toml`, else `~/.config/s20ctl/config.toml`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if Path(base).is_absolute() else Path.home() / ".config"
    return root / "s20ctl" / "config.toml"


def device_url(url: str, where: str) -> str:
    """Return `url` if it is an http(s) URL with a host, else raise naming `where`."""
    try:
        parts = urllib.parse.urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        ok = False
    if not ok or any(c.isspace() for c in url):
        raise ProfileError(f"{where}: {url!r} is not an http:// or https:// URL with a host")
    return url


def _profile(name: str, table: object, path: Path) -> Profile:
    where = f"{path}: [devices.{name}]"
    if not NAME_RULE.fullmatch(name):
        raise ProfileError(f"{where}: a device name is 1-64 letters, digits, '-' or '_'")
    if not isinstance(table, dict):
        raise ProfileError(f"{where} must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ProfileError(f"{where}: unknown key {unknown[0]!r} (known: url, password, ...)")
    for key, value in table.items():
        if not isinstance(value, str):
            raise ProfileError(f"{where}: {key} must be a string")
    if "url" not in table:
        raise ProfileError(f"{where}: url is required")
    if "password" in table and "password_command" in table:
        raise ProfileError(f"{where}: give password or password_command, not both")
    return Profile(
        name,
        device_url(table["url"], where),
        table.get("password"),
        table.get("password_command"),
    )


def load_profiles(path: Path) -> dict[str, Profile]:
    """Read the profiles; a missing file is none, one others may read is refused."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ProfileError(
            f"{path} is open to other users (mode {stat.S_IMODE(mode):04o}) and holds "
            f"passwords: run chmod 600 {shlex.quote(str(path))}"
        )
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"cannot read {path}: {exc}") from None
    devices = document.get("devices", {})
    if not isinstance(devices, dict):
        raise ProfileError(f"{path}: devices must be a table of [devices.NAME] tables")
    return {name: _profile(name, table, path) for name, table in devices.items()}


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string, except that TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _render(profiles: Mapping[str, Profile]) -> str:
    lines = ["# s20ctl's devices; `s20ctl devices add|remove` rewrite this file.", ""]
    for name in sorted(profiles):
        profile = profiles[name]
        lines.append(f"[devices.{name}]")
        lines.append(f"url = {_toml_string(profile.url)}")
        if profile.password is not None:
            lines.append(f"password = {_toml_string(profile.password)}")
        if profile.password_command is not None:
            lines.append(f"password_command = {_toml_string(profile.password_command)}")
        lines.append("")
    return "\n".join(lines)


def save_profiles(path: Path, profiles: Mapping[str, Profile]) -> None:
    """Replace the file with these profiles, atomically and mode 0600 from the start."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".config.", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(_render(profiles))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def run_password_command(profile: Profile) -> str:
    """Run the profile's `password_command` (no shell); return its first line."""
    assert profile.password_command is not None
    where = f"password_command of device {profile.name}"
    try:
        done = subprocess.run(  # noqa: S603 - the owner's own command, from their 0600 file
            shlex.split(profile.password_command),
            capture_output=True,
            text=True,
            timeout=PASSWORD_COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise ProfileError(f"{where} could not run: {exc}") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise ProfileError(f"{where} failed with exit status {done.returncode}: {reason}")
    lines = done.stdout.splitlines()
    if not lines or not lines[0]:
        raise ProfileError(f"{where} printed no password")
    return lines[0]
