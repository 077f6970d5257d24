"""`s20ctl devices` (the profiles) and `s20ctl completion` (with names and EUI-64s)."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem, get_completion_class
from rich.table import Table

from ._cli_common import console, select_targets
from ._client import S20Client
from ._exit import FAILURES
from ._profiles import (
    NAME_RULE,
    Profile,
    ProfileError,
    config_path,
    device_url,
    load_profiles,
    save_profiles,
)

__all__ = ["SHELLS", "complete_devices", "complete_joiners", "completion", "devices"]

SHELLS = ("bash", "zsh", "fish")
# Completion asks the device while the user waits at the prompt: briefly, or not at all.
COMPLETION_TIMEOUT = 2.0


def complete_devices(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Complete a device name from the profiles (nothing if the file cannot be read)."""
    try:
        profiles = load_profiles(config_path())
    except ProfileError:
        return []
    return [
        CompletionItem(name, help=profile.url)
        for name, profile in sorted(profiles.items())
        if name.startswith(incomplete)
    ]


def complete_joiners(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Complete an EUI-64 from the device's joiner table, best effort and quietly."""
    try:
        (target,) = select_targets(ctx.find_root(), COMPLETION_TIMEOUT).targets
        password = target.stored_password()
        if password is None:
            return []  # a prompt, or a command such as pinentry, has no place in a Tab press
        with S20Client(target.url, password=password, timeout=COMPLETION_TIMEOUT) as client:
            table = client.joiner_list()["DeviceList"]
    except (*FAILURES, click.ClickException, ValueError, KeyError):
        return []
    given = set(ctx.params.get("eui64s") or ())
    return [
        CompletionItem(entry["EUI64"])
        for entry in table
        if entry["EUI64"].startswith(incomplete) and entry["EUI64"] not in given
    ]


@click.group()
def devices() -> None:
    """The named devices of the profiles file (for --device NAME and --all)."""


@devices.command("list")
def devices_list() -> None:
    """List the named devices and where their passwords come from (never the passwords)."""
    path = config_path()
    profiles = load_profiles(path)
    if not profiles:
        click.echo(f"no devices in {path}")
        return
    table = Table("name", "URL", "password")
    for name, profile in sorted(profiles.items()):
        if profile.password_command is not None:
            source = f"command: {profile.password_command}"
        else:
            source = "stored" if profile.password is not None else "asked for"
        table.add_row(name, profile.url, source)
    console.print(table)


@devices.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--password-command", help='A command printing the password ("pass show s20/x").')
@click.option("--ask-password", is_flag=True, help="Ask for the password now and store it.")
def devices_add(name: str, url: str, password_command: str | None, ask_password: bool) -> None:
    """Name the device at URL NAME (replacing a device of that name)."""
    if not NAME_RULE.fullmatch(name):
        raise click.BadParameter("1-64 letters, digits, '-' or '_'", param_hint="NAME")
    device_url(url, "URL")
    if password_command is not None and ask_password:
        raise click.UsageError("give --password-command or --ask-password, not both")
    password: str | None = None
    if ask_password:
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    path = config_path()
    profiles = load_profiles(path)
    replaced = name in profiles
    profiles[name] = Profile(name, url, password, password_command)
    save_profiles(path, profiles)
    click.echo(f"{'replaced' if replaced else 'added'} {name} ({url}) in {path}")


@devices.command("remove")
@click.argument("names", nargs=-1, required=True, shell_complete=complete_devices)
def devices_remove(names: tuple[str, ...]) -> None:
    """Forget the named devices."""
    path = config_path()
    profiles = load_profiles(path)
    for name in names:
        if name not in profiles:
            raise ProfileError(f"no device named {name!r} in {path}")
    for name in names:
        del profiles[name]
    save_profiles(path, profiles)
    click.echo(f"removed {', '.join(names)}")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL.

    \b
    bash: eval "$(s20ctl completion bash)"         (in ~/.bashrc)
    zsh:  eval "$(s20ctl completion zsh)"          (in ~/.zshrc)
    fish: s20ctl completion fish > ~/.config/fish/completions/s20ctl.fish
    """
    root = ctx.find_root()
    complete = get_completion_class(shell)
    assert complete is not None  # every name in SHELLS is one of click's
    script = complete(root.command, {}, "s20ctl", "_S20CTL_COMPLETE").source()
    click.echo(script)
