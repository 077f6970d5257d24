"""What every `s20ctl` command shares: the devices it talks to, and how it prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource
from rich.console import Console

from ._client import DEFAULT_TIMEOUT, AsyncS20Client, S20Client
from ._profiles import Profile, ProfileError, config_path, load_profiles, run_password_command

__all__ = [
    "Selection",
    "Target",
    "console",
    "print_json",
    "remember_selection",
    "select_targets",
    "selection_of",
]

console = Console(soft_wrap=True)
_SELECTION = "s20ctl.selection"


def print_json(result: Any) -> None:
    """Print an API result as JSON (pretty on a terminal, plain in a pipe)."""
    console.print_json(data=result)


class Target:
    """One device: its profile name (if any), its URL, and where its password comes from."""

    def __init__(
        self,
        url: str,
        password: str | None = None,
        *,
        name: str | None = None,
        profile: Profile | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.url = url
        self.name = name
        self.timeout = timeout
        self._password = password
        self._profile = profile

    @property
    def label(self) -> str:
        """Return the device's name, or its URL when it has none."""
        return self.name or self.url

    @property
    def password(self) -> str | None:
        """Return the password given, or the profile's (running its command once)."""
        if self._password is None and self._profile is not None:
            if self._profile.password_command is not None:
                self._password = run_password_command(self._profile)
            else:
                self._password = self._profile.password
        return self._password

    def stored_password(self) -> str | None:
        """Return the password if it is known without a prompt or a command."""
        if self._password is None and self._profile is not None:
            return self._profile.password
        return self._password

    def login_password(self) -> str:
        """Return the password, prompting for it when none is known."""
        known = self.password
        if known is not None:
            return known
        prompt = f"Password for {self.name}" if self.name else "Password"
        typed: str = click.prompt(prompt, hide_input=True)
        self._password = typed
        return typed

    def client(self, *, login: bool = True) -> S20Client:
        """Return a client, logged in unless told otherwise (prompting for the password)."""
        client = S20Client(self.url, timeout=self.timeout)
        if login:
            try:
                client.login(self.login_password())
            except BaseException:
                client.close()
                raise
        return client

    def async_client(self, *, login: bool = True) -> AsyncS20Client:
        """Return an asyncio client that logs in on its first call (unless told otherwise)."""
        password = self.password if login else None
        return AsyncS20Client(self.url, password=password, timeout=self.timeout)


@dataclass(frozen=True)
class Selection:
    """The devices a command runs on; `named` when chosen by profile (`--device`, `--all`)."""

    targets: list[Target]
    named: bool


def _read_password_file(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        hint = "--password-file"
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint=hint) from None
    if not lines or not lines[0]:
        raise click.BadParameter(f"{path} holds no password", param_hint="--password-file")
    return lines[0]


def select_targets(root: click.Context, timeout: float | None = None) -> Selection:
    """Resolve the root options: per setting, a flag beats the environment, then the profile."""
    ctx, options = root, root.params
    url: str = options["url"]
    password: str | None = options["password"]
    password_file: Path | None = options["password_file"]
    devices: tuple[str, ...] = options["devices"] or ()
    every = bool(options["every"])
    timeout = options["timeout"] if timeout is None else timeout
    if password is not None and password_file is not None:
        raise click.UsageError("give --password or --password-file, not both")
    if every and devices:
        raise click.UsageError("give --all or --device, not both")
    given = password if password_file is None else _read_password_file(password_file)
    if not devices and not every:
        return Selection([Target(url, given, timeout=timeout)], named=False)
    path = config_path()
    profiles = load_profiles(path)
    names = list(profiles) if every else list(dict.fromkeys(devices))
    if not names:
        raise ProfileError(f"no devices in {path}: add one with `s20ctl devices add`")
    for name in names:
        if name not in profiles:
            raise ProfileError(f"no device named {name!r} in {path} (see `s20ctl devices list`)")
    if len(names) == 1:
        profile = profiles[names[0]]
        from_user = ctx.get_parameter_source("url") is not ParameterSource.DEFAULT
        return Selection(
            [
                Target(
                    url if from_user else profile.url,
                    given,
                    name=profile.name,
                    profile=profile,
                    timeout=timeout,
                )
            ],
            named=True,
        )
    for option in ("url", "password", "password_file"):
        if ctx.get_parameter_source(option) is ParameterSource.COMMANDLINE:
            flag = "--" + option.replace("_", "-")
            raise click.UsageError(f"{flag} names one device: several take theirs from profiles")
    return Selection(
        [Target(profiles[n].url, name=n, profile=profiles[n], timeout=timeout) for n in names],
        named=True,
    )


def remember_selection(ctx: click.Context, selection: Selection) -> None:
    """Keep the selection for the commands that run on several devices."""
    ctx.meta[_SELECTION] = selection


def selection_of(ctx: click.Context) -> Selection:
    """Return the devices the root options chose."""
    selection: Selection = ctx.meta[_SELECTION]
    return selection
