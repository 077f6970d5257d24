"""`s20ctl`: the S20 API from the command line (real devices and s20d alike)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from s20 import __version__
from s20.errors import S20Error

from ._cli_common import Target, print_json
from ._cli_network import eth, failover, wifi
from ._cli_sys import sys_group
from ._cli_thread import commissioner, joiner, thread
from ._client import DEFAULT_URL, S20Client

__all__ = ["main"]


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
@click.version_option(__version__, prog_name="s20ctl")
@click.pass_context
def cli(ctx: click.Context, url: str, password: str | None) -> None:
    """Manage a GL-S20 Thread Border Router (or s20d) over its HTTP API."""
    ctx.obj = Target(url, password)


@cli.command()
@click.pass_obj
def info(obj: Target) -> None:
    """Show model, firmware, MAC and whether the device is initialized (no login)."""
    with obj.client(login=False) as client:
        print_json(client.check_initialized())


@cli.command()
@click.pass_obj
def status(obj: Target) -> None:
    """Show system info and the Thread border router status."""
    with obj.client() as client:
        print_json({"info": client.get_info(), "thread": client.thread_status()})


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
    with S20Client(obj.url) as client:
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


cli.add_command(thread)
cli.add_command(commissioner)
cli.add_command(joiner)
cli.add_command(eth)
cli.add_command(wifi)
cli.add_command(failover)
cli.add_command(sys_group)


def main() -> None:
    """Run s20ctl, turning API errors into one line and exit status 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except S20Error as exc:
        click.echo(f"error {exc.code}: {exc.err_msg}", err=True)
        sys.exit(1)
