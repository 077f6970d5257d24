"""`s20ctl`: the S20 API from the command line (real devices and s20d alike)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from s20 import __version__

from ._cli_common import Target, print_json, remember_selection, select_targets
from ._cli_devices import complete_devices, completion, devices
from ._cli_fleet import info, status
from ._cli_network import eth, failover, wifi
from ._cli_sys import sys_group
from ._cli_thread import commissioner, joiner, thread
from ._client import DEFAULT_TIMEOUT, DEFAULT_URL, S20Client
from ._exit import FAILURES, describe, exit_status

__all__ = ["main"]


# These need no device; the rest run on exactly one, except these that run on many.
_NO_DEVICE = {"devices", "completion"}
_MANY_DEVICES = {"status", "info"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--url", envvar="S20_URL", default=DEFAULT_URL, show_default=True, help="The device's base URL."
)
@click.option(
    "--password",
    envvar="S20_PASSWORD",
    default=None,
    help="Admin password (prompted for when needed and not given).",
)
@click.option(
    "--password-file",
    envvar="S20_PASSWORD_FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the admin password from the first line of this file.",
)
@click.option(
    "--device",
    "devices",
    multiple=True,
    shell_complete=complete_devices,
    help="A device named in the profiles file; repeat it for several (status, info).",
)
@click.option("--all", "every", is_flag=True, help="Every device in the profiles file.")
@click.option(
    "--timeout",
    envvar="S20_TIMEOUT",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a device to connect or answer.",
)
@click.version_option(__version__, prog_name="s20ctl")
@click.pass_context
def cli(ctx: click.Context, /, **_options: object) -> None:
    """Manage GL-S20 Thread Border Routers (or s20d) over their HTTP API."""
    if ctx.invoked_subcommand in _NO_DEVICE:
        return
    selection = select_targets(ctx)
    if len(selection.targets) > 1 and ctx.invoked_subcommand not in _MANY_DEVICES:
        raise click.UsageError(
            f"{ctx.invoked_subcommand} runs on one device; several run only "
            + " and ".join(sorted(_MANY_DEVICES))
        )
    remember_selection(ctx, selection)
    ctx.obj = selection.targets[0]


@cli.command()
@click.option("--lang", type=click.Choice(["en", "zh-cn"]), default="en", show_default=True)
@click.pass_obj
def init(obj: Target, lang: str) -> None:
    """Set the first admin password of a new (or reset) device."""
    password = obj.password or click.prompt(
        "New admin password (10-32 characters)", hide_input=True, confirmation_prompt=True
    )
    with obj.client(login=False) as client:
        client.set_init(password, lang)
    click.echo("initialized")


@cli.command()
@click.argument("method", type=click.Choice(["GET", "POST"], case_sensitive=False))
@click.argument("path")
@click.argument("body", required=False)
@click.pass_obj
def call(obj: Target, method: str, path: str, body: str | None) -> None:
    """Call any API PATH (e.g. POST /otbr/set_txpower '{"TXPower": 10}')."""
    payload: dict[str, Any] | None = None
    if body:
        try:
            payload = json.loads(body)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"BODY is not JSON: {exc}") from None
    with obj.client() as client:
        print_json(client.call(method, path, payload))


@cli.command()
@click.pass_obj
def passwd(obj: Target) -> None:
    """Change the admin password."""
    old = obj.password or click.prompt("Current password", hide_input=True)
    new = click.prompt("New admin password", hide_input=True, confirmation_prompt=True)
    with S20Client(obj.url, timeout=obj.timeout) as client:
        client.login(old)
        client.set_admin_pwd(old, new)
    click.echo("password changed")


@cli.command()
@click.pass_obj
def restart(obj: Target) -> None:
    """Restart the device."""
    with obj.client() as client:
        client.restart()
    click.echo("restarting")


@cli.command()
@click.confirmation_option(prompt="Erase every setting and restore factory defaults?")
@click.pass_obj
def reset(obj: Target) -> None:
    """Restore factory settings."""
    with obj.client() as client:
        client.reset()
    click.echo("reset; the device is uninitialized")


cli.add_command(status)
cli.add_command(info)
cli.add_command(devices)
cli.add_command(completion)
cli.add_command(thread)
cli.add_command(commissioner)
cli.add_command(joiner)
cli.add_command(eth)
cli.add_command(wifi)
cli.add_command(failover)
cli.add_command(sys_group)


def main() -> None:
    """Run s20ctl: a failure is one line on stderr and an exit status that says what failed."""
    try:
        status = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except FAILURES as exc:
        click.echo(describe(exc), err=True)
        sys.exit(exit_status(exc))
    sys.exit(status if isinstance(status, int) else 0)
