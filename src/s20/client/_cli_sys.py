"""`s20ctl sys ...`: status, time, log, firmware, certificates, configuration backup."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
from rich.table import Table

from s20.errors import S20TransportError

from ._cli_common import Target, console, print_json
from ._client import S20Client
from .results import OnlineFirmware, UpgradeStatus

__all__ = ["sys_group"]

POLL = 0.5  # seconds between upgrade status polls
UPGRADE_PATIENCE = 1800.0  # a slow download over a slow link still ends within this

_json_option = click.option("--json", "as_json", is_flag=True, help="Print the raw result.")


@click.group("sys")
def sys_group() -> None:
    """The system: status, time, log, firmware, certificates, configuration."""


def _mib(size: int) -> str:
    return f"{size / (1 << 20):.0f} MiB"


@sys_group.command("status")
@_json_option
@click.pass_obj
def sys_status(obj: Target, as_json: bool) -> None:
    """Show memory, MACs, model, serial number and firmware."""
    with obj.client() as client:
        status, firmware = client.system_status(), client.current_firmware()
    if as_json:
        print_json({**status, **firmware})
        return
    table = Table(show_header=False, box=None)
    for key, value in (
        ("model", status["model"]),
        ("serial", status["sn"]),
        (
            "firmware",
            f"{firmware['current_firmware_version']} ({firmware['current_firmware_type']})",
        ),
        ("memory", f"{_mib(status['memory_free'])} free of {_mib(status['memory_total'])}"),
        ("Ethernet MAC", status["eth_mac"]),
        ("Wi-Fi MAC", status["wifi_mac"]),
        ("BLE MAC", status["ble_mac"]),
    ):
        table.add_row(key, str(value))
    console.print(table)


@sys_group.command("time")
@click.option("--sntp", help="SNTP server: a host name or an address.")
@click.option("--timezone", help='Time zone: "UTC+8", "UTC-5", ... or a number -12..14.')
@click.pass_obj
def sys_time(obj: Target, sntp: str | None, timezone: str | None) -> None:
    """Show the time settings, or change them."""
    zone: str | int | None = timezone
    if timezone is not None and timezone.lstrip("+-").isdigit():
        zone = int(timezone)
    with obj.client() as client:
        if sntp is not None or zone is not None:
            client.set_time_config(sntp, zone)
        config = client.time_config()
    offset = config["timezone"]
    local = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(config["localtime"]))
    click.echo(f"SNTP server {config['sntp']}, UTC{offset:+d}, local time {local}")


@sys_group.command("log")
@click.pass_obj
def sys_log(obj: Target) -> None:
    """Print the device log, oldest line first."""
    with obj.client() as client:
        click.echo(client.system_log()["log"])


@sys_group.command("export")
@click.pass_obj
def sys_export(obj: Target) -> None:
    """Print the whole configuration as JSON (secrets included: keep it safe)."""
    with obj.client() as client:
        document = client.export_config()
    click.echo(json.dumps(document, indent=2))


@sys_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.pass_obj
def sys_import(obj: Target, file: Path) -> None:
    """Apply a configuration exported with `sys export` (all or nothing)."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise click.BadParameter(f"cannot read {file}: {exc}", param_hint="FILE") from None
    if not isinstance(document, dict):
        raise click.BadParameter(f"{file} does not hold a JSON object", param_hint="FILE")
    with obj.client() as client:
        client.import_config(document)
    click.echo(f"imported {file}")


@sys_group.command("cert")
@click.argument("source")
@click.pass_obj
def sys_cert(obj: Target, source: str) -> None:
    """Trust the PEM CA certificates in FILE, or at an http(s) URL, for downloads."""
    with obj.client() as client:
        if source.startswith(("http://", "https://")):
            client.upgrade_certificate_url(source)
        else:
            try:
                pem = Path(source).read_bytes()
            except OSError as exc:
                raise click.BadParameter(f"cannot read {source}: {exc}") from None
            client.upload_certificate(pem)
    click.echo("CA certificates updated")


def _choose_image(client: S20Client, version: str | None) -> OnlineFirmware:
    running = client.current_firmware()
    offered = client.online_firmware()["online_firmware_list"]
    mine = [i for i in offered if i["type"] == running["current_firmware_type"]]
    if version is not None:
        chosen = [i for i in offered if i["version"] == version]
        if not chosen:
            listed = ", ".join(i["version"] for i in offered) or "nothing"
            raise click.ClickException(f"the feed has no version {version} (it lists {listed})")
        return chosen[0]
    if not mine:
        raise click.ClickException("the feed offers no image for this device's firmware type")
    return mine[-1]


@sys_group.command("upgrade")
@click.option("--version", help="A version the feed lists [default: its last for this device].")
@click.option("--url", help="Install the image at this http(s) URL instead of the feed's.")
@click.option("--reset-config", is_flag=True, help="Restart with factory settings.")
@click.pass_obj
def sys_upgrade(obj: Target, version: str | None, url: str | None, reset_config: bool) -> None:
    """Upgrade the firmware, showing progress until the device restarts."""
    if version is not None and url is not None:
        raise click.UsageError("give --version or --url, not both")
    if url is not None and reset_config:
        raise click.UsageError("--reset-config goes with an image from the feed")
    with obj.client() as client:
        if url is not None:
            client.upgrade_firmware_url(url)
            what = url
        else:
            image = _choose_image(client, version)
            client.upgrade_firmware(image["type"], image["version"], not reset_config)
            what = f"{image['type']} {image['version']}"
        status = _follow(client, what)
    if status["status"] != 0:
        raise click.ClickException(f"upgrade failed: {status['fail_msg']}")
    click.echo(f"upgraded to {what}; the device restarts")


def _follow(client: S20Client, what: str) -> UpgradeStatus:
    """Poll the upgrade status while it is 2 (a spinner on a terminal); return the last."""
    deadline = time.monotonic() + UPGRADE_PATIENCE
    with console.status(f"upgrading to {what} (downloading, checking, installing) ..."):
        while True:
            try:
                status = client.upgrade_status()
            except S20TransportError:
                status = {
                    "status": 2,
                    "fail_msg": "",
                }  # restarting: it does not answer for a moment
            if status["status"] != 2:
                return status
            if time.monotonic() > deadline:
                raise click.ClickException(f"no result after {UPGRADE_PATIENCE:.0f} s")
            time.sleep(POLL)
