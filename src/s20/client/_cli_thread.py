"""`s20ctl thread|commissioner|joiner`: the border router's Thread side."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ._cli_common import Target, console, print_json
from ._cli_devices import complete_joiners

__all__ = ["commissioner", "joiner", "thread"]

JOINER_STATUS = {0: "ready", 1: "joining", 2: "joined", 3: "timeout"}
ROLE = {0: "disabled", 1: "detached", 2: "child", 3: "router", 4: "leader"}

_json_option = click.option("--json", "as_json", is_flag=True, help="Print the raw result.")


def _when(unix: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(unix)) if unix else "-"


@click.group()
def thread() -> None:
    """The Thread network: status, on/off, settings, scan."""


@thread.command("status")
@_json_option
@click.pass_obj
def thread_status(obj: Target, as_json: bool) -> None:
    """Show the network and the radio."""
    with obj.client() as client:
        status = client.thread_status()
    if as_json:
        print_json(status)
        return
    net, rcp = status["Network"], status["RCP"]
    table = Table(show_header=False, box=None)
    for key, value in (
        ("role", ROLE.get(rcp["State"], str(rcp["State"]))),
        ("network", net["NetworkName"]),
        ("channel", net["Channel"]),
        ("PAN ID", net["PanId"]),
        ("extended PAN ID", net["ExtPanId"]),
        ("mesh-local prefix", net["MeshLocalPrefix"]),
        ("on-mesh prefix", net["OnMeshPrefix"] or "-"),
        ("TX power", f"{rcp['TXPower']} dBm"),
        ("Thread", status["ThreadVersion"]),
        ("OpenThread", status["OTBRVersion"]),
    ):
        table.add_row(key, str(value))
    console.print(table)


@thread.command("start")
@click.pass_obj
def thread_start(obj: Target) -> None:
    """Turn Thread on."""
    with obj.client() as client:
        client.thread_start()
    click.echo("thread started")


@thread.command("stop")
@click.pass_obj
def thread_stop(obj: Target) -> None:
    """Turn Thread off."""
    with obj.client() as client:
        client.thread_stop()
    click.echo("thread stopped")


@thread.command("set")
@click.option("--name", "NetworkName", help="Network name (1-16 bytes).")
@click.option("--channel", "Channel", type=int, help="Channel 11-26.")
@click.option("--panid", "PanId", help='PAN ID, a number or "0x..." hex.')
@click.option("--extpanid", "ExtPanId", help="Extended PAN ID, 16 hex digits.")
@click.option("--networkkey", "NetworkKey", help="Network key, 32 hex digits.")
@click.option("--passphrase", "Passphrase", help="Commissioning passphrase (6-255 bytes).")
@click.pass_obj
def thread_set(obj: Target, /, **fields: Any) -> None:
    """Change the network (restarts Thread if it is on)."""
    given = {k: v for k, v in fields.items() if v is not None}
    if "PanId" in given and not str(given["PanId"]).lower().startswith("0x"):
        try:
            given["PanId"] = int(given["PanId"])
        except ValueError:
            raise click.BadParameter("a number or 0x... hex", param_hint="--panid") from None
    if not given:
        raise click.UsageError("give at least one setting to change")
    with obj.client() as client:
        client.thread_set_config(**given)
    click.echo("network updated")


@thread.command("txpower", context_settings={"ignore_unknown_options": True})
@click.argument("dbm", type=int)
@click.pass_obj
def thread_txpower(obj: Target, dbm: int) -> None:
    """Set the transmit power (-24..20 dBm)."""
    with obj.client() as client:
        client.thread_set_txpower(dbm)
    click.echo(f"TX power {dbm} dBm")


@thread.command("scan")
@_json_option
@click.pass_obj
def thread_scan(obj: Target, as_json: bool) -> None:
    """List the Thread networks in range (takes about 5 s)."""
    with obj.client() as client:
        found = client.thread_scan()["ScanList"]
    if as_json:
        print_json(found)
        return
    table = Table("network", "extended PAN ID", "PAN ID", "channel", "RSSI", "LQI")
    for n in found:
        table.add_row(
            n["NetworkName"],
            n["ExtPanId"],
            f"0x{n['PanId']:04x}",
            str(n["Channel"]),
            str(n["Rssi"]),
            str(n["Lqi"]),
        )
    console.print(table)


@click.group()
def commissioner() -> None:
    """The commissioner, which admits joiners."""


@commissioner.command("on")
@click.pass_obj
def commissioner_on(obj: Target) -> None:
    """Turn the commissioner on (Thread must be attached)."""
    with obj.client() as client:
        client.set_commissioning(True)
    click.echo("commissioner on")


@commissioner.command("off")
@click.pass_obj
def commissioner_off(obj: Target) -> None:
    """Turn the commissioner off."""
    with obj.client() as client:
        client.set_commissioning(False)
    click.echo("commissioner off")


@click.group()
def joiner() -> None:
    """The joiner table: devices allowed to join."""


@joiner.command("list")
@_json_option
@click.pass_obj
def joiner_list(obj: Target, as_json: bool) -> None:
    """Show the joiner table."""
    with obj.client() as client:
        devices = client.joiner_list()["DeviceList"]
    if as_json:
        print_json(devices)
        return
    table = Table("EUI-64", "status", "PSKd", "timeout", "added", "joined")
    for d in devices:
        table.add_row(
            d["EUI64"],
            JOINER_STATUS.get(d["Status"], str(d["Status"])),
            d["PSKd"],
            f"{d['Timeout']} s",
            _when(d["AddTime"]),
            _when(d["JoinedTime"]),
        )
    console.print(table)


@joiner.command("add")
@click.argument("eui64")
@click.argument("pskd")
@click.option("--timeout", type=int, default=120, show_default=True, help="Seconds.")
@click.pass_obj
def joiner_add(obj: Target, eui64: str, pskd: str, timeout: int) -> None:
    """Allow the device EUI64 (or "*" for any) to join with PSKD."""
    with obj.client() as client:
        client.add_joiner(pskd, eui64, timeout)
    click.echo(f"joiner {eui64} added")


@joiner.command("remove")
@click.argument("eui64s", nargs=-1, required=True, shell_complete=complete_joiners)
@click.pass_obj
def joiner_remove(obj: Target, eui64s: tuple[str, ...]) -> None:
    """Remove joiner entries."""
    with obj.client() as client:
        client.remove_joiners(list(eui64s))
    click.echo(f"removed {len(eui64s)}")


@joiner.command("rejoin")
@click.argument("which", type=click.Choice(["timeout", "joined", "all"]))
@click.option("--timeout", type=int, default=120, show_default=True, help="Seconds.")
@click.pass_obj
def joiner_rejoin(obj: Target, which: str, timeout: int) -> None:
    """Re-arm timed-out, joined, or all entries."""
    with obj.client() as client:
        client.rejoin_all({"timeout": 1, "joined": 2, "all": 3}[which], timeout)
    click.echo(f"re-armed {which}")


@joiner.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def joiner_export(obj: Target, file: Path) -> None:
    """Save the joiner table to FILE (JSON, as the device exports it)."""
    with obj.client() as client:
        exported = client.export_joiners()
    file.write_text(json.dumps(exported, indent=2) + "\n", encoding="utf-8")
    click.echo(f"exported {len(exported['DeviceList'])} to {file}")


@joiner.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--timeout", type=int, default=120, show_default=True, help="Seconds.")
@click.pass_obj
def joiner_import(obj: Target, file: Path, timeout: int) -> None:
    """Load an exported joiner list from FILE and commit it."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise click.BadParameter(f"cannot read {file}: {exc}", param_hint="FILE") from None
    with obj.client() as client:
        client.import_joiners(document)
        client.commit_joiners(timeout)
    click.echo(f"imported {len(document.get('DeviceList', []))} from {file}")
