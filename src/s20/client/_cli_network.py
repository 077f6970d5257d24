"""`s20ctl eth|wifi|failover`: the uplinks and WAN failover."""

from __future__ import annotations

import time
from typing import Any

import click
from rich.table import Table

from ._cli_common import Target, console, print_json
from .results import Ipv4Config

__all__ = ["eth", "failover", "wifi"]

ETH_STATUS = {0: "not connected", 1: "connected", 2: "connecting", 3: "no cable"}
WIFI_STATUS = {0: "idle", 1: "connecting", 2: "connected", 3: "failed"}
AUTH_MODES = {
    0: "open",
    1: "WEP",
    2: "WPA-PSK",
    3: "WPA2-PSK",
    4: "WPA/WPA2-PSK",
    5: "WPA2-Enterprise",
    6: "WPA3-PSK",
    7: "WPA2/WPA3-PSK",
    8: "WAPI-PSK",
    9: "OWE",
}

_json_option = click.option("--json", "as_json", is_flag=True, help="Print the raw result.")


def _pairs(rows: list[tuple[str, object]]) -> None:
    table = Table(show_header=False, box=None)
    for key, value in rows:
        table.add_row(key, str(value))
    console.print(table)


def _ipv4(ip: str | None, netmask: str | None, gateway: str | None) -> Ipv4Config | None:
    if ip is None and netmask is None and gateway is None:
        return None
    if ip is None or netmask is None or gateway is None:
        raise click.UsageError("--ip, --netmask and --gateway go together")
    return {"ip": ip, "netmask": netmask, "gateway": gateway}


_ipv4_options = [
    click.option("--ip", help="Static IPv4 address."),
    click.option("--netmask", help="Static netmask, e.g. 255.255.255.0."),
    click.option("--gateway", help="Static gateway (in the subnet)."),
]


def _with_ipv4(command: Any) -> Any:
    for option in reversed(_ipv4_options):
        command = option(command)
    return command


@click.group()
def eth() -> None:
    """Ethernet: status and DHCP or static IPv4."""


@eth.command("status")
@_json_option
@click.pass_obj
def eth_status(obj: Target, as_json: bool) -> None:
    """Show the cable, the protocol and the addresses."""
    with obj.client() as client:
        status, config = client.eth_status(), client.eth_config()
    if as_json:
        print_json({"status": status, "config": config})
        return
    _pairs(
        [
            ("status", ETH_STATUS.get(status["status"], status["status"])),
            ("protocol", status["protocol"]),
            ("IPv4", status["ipv4"]["ip"] or "-"),
            ("gateway", status["ipv4"]["gateway"] or "-"),
            ("IPv6", status["ipv6"]["ip"] or "-"),
        ]
    )


@eth.command("set")
@click.argument("protocol", type=click.Choice(["dhcp", "static"]))
@_with_ipv4
@click.pass_obj
def eth_set(
    obj: Target, protocol: str, ip: str | None, netmask: str | None, gateway: str | None
) -> None:
    """Use DHCP, or a static address (with --ip, --netmask and --gateway)."""
    with obj.client() as client:
        client.eth_set_config(protocol, _ipv4(ip, netmask, gateway))
    click.echo(f"ethernet: {protocol}")


@click.group()
def wifi() -> None:
    """Wi-Fi: scan, connect, disconnect, saved networks."""


@wifi.command("status")
@_json_option
@click.pass_obj
def wifi_status(obj: Target, as_json: bool) -> None:
    """Show the connection."""
    with obj.client() as client:
        status = client.wifi_status()
    if as_json:
        print_json(status)
        return
    rows: list[tuple[str, object]] = [
        ("status", WIFI_STATUS.get(status["status"], status["status"])),
        ("SSID", status["ssid"] or "-"),
        ("BSSID", status["bssid"] or "-"),
        ("IPv4", status["ipv4"]["ip"] or "-"),
        ("gateway", status["ipv4"]["gateway"] or "-"),
    ]
    if status["fail_msg"]:
        rows.append(("failure", status["fail_msg"]))
    _pairs(rows)


@wifi.command("scan")
@_json_option
@click.pass_obj
def wifi_scan(obj: Target, as_json: bool) -> None:
    """List the access points in range, strongest first."""
    with obj.client() as client:
        result = client.wifi_scan()
    if as_json:
        print_json(result)
        return
    table = Table("SSID", "BSSID", "security", "RSSI")
    for ap in result["list"]:
        security = AUTH_MODES.get(ap["auth_mode"], str(ap["auth_mode"]))
        table.add_row(ap["ssid"], ap["bssid"], security, f"{ap['rssi']} dBm")
    console.print(table)


@wifi.command("connect")
@click.argument("ssid")
@click.option("--password", "pwd", default="", help="The network's password.")
@click.option(
    "--auth-mode",
    type=click.IntRange(0, 9),
    default=None,
    help="0 open ... 9 OWE [default: as the scan shows the network].",
)
@click.option("--save", is_flag=True, help="Save the network once connected.")
@click.option("--bssid", help="Only this access point (locks the BSSID).")
@_with_ipv4
@click.option("--wait/--no-wait", default=True, show_default=True, help="Wait for the result.")
@click.pass_obj
def wifi_connect(
    obj: Target,
    ssid: str,
    pwd: str,
    auth_mode: int | None,
    save: bool,
    bssid: str | None,
    ip: str | None,
    netmask: str | None,
    gateway: str | None,
    wait: bool,
) -> None:
    """Connect to SSID."""
    ipv4 = _ipv4(ip, netmask, gateway)
    with obj.client() as client:
        if auth_mode is None:
            heard = [ap for ap in client.wifi_scan()["list"] if ap["ssid"] == ssid]
            if not heard:
                raise click.UsageError(f"{ssid!r} is not in range: give --auth-mode")
            auth_mode = heard[0]["auth_mode"]
        client.wifi_start(
            ssid,
            pwd,
            auth_mode,
            save=save,
            bssid=bssid,
            protocol="static" if ipv4 else "dhcp",
            ipv4=ipv4,
        )
        status = client.wifi_status()
        deadline = time.monotonic() + 60
        while wait and status["status"] == 1 and time.monotonic() < deadline:
            time.sleep(0.5)
            status = client.wifi_status()
    if status["status"] == 3:
        raise click.ClickException(f"connecting to {ssid!r} failed: {status['fail_msg']}")
    click.echo(f"wifi: {WIFI_STATUS.get(status['status'])} to {ssid} {status['ipv4']['ip']}")


@wifi.command("disconnect")
@click.pass_obj
def wifi_disconnect(obj: Target) -> None:
    """Disconnect."""
    with obj.client() as client:
        client.wifi_stop()
    click.echo("wifi: disconnected")


@wifi.command("saved")
@_json_option
@click.pass_obj
def wifi_saved(obj: Target, as_json: bool) -> None:
    """List the saved networks (passwords are shown with --json only)."""
    with obj.client() as client:
        result = client.wifi_saved()
        reconnect = client.wifi_reconnect()["enable"]
    if as_json:
        print_json({**result, "reconnect": reconnect})
        return
    table = Table("SSID", "security", "BSSID", "protocol")
    for n in result["list"]:
        bssid = n["bssid"] if n["lock_bssid"] else "any"
        table.add_row(n["ssid"], AUTH_MODES.get(n["auth_mode"], "?"), bssid, n["protocol"])
    console.print(table)
    click.echo(f"reconnect to saved networks: {'on' if reconnect else 'off'}")


@wifi.command("forget")
@click.argument("ssid")
@click.option("--auth-mode", type=click.IntRange(0, 9), default=None, help="If saved twice.")
@click.pass_obj
def wifi_forget(obj: Target, ssid: str, auth_mode: int | None) -> None:
    """Delete the saved network SSID."""
    with obj.client() as client:
        if auth_mode is None:
            modes = [n["auth_mode"] for n in client.wifi_saved()["list"] if n["ssid"] == ssid]
            auth_mode = modes[0] if len(modes) == 1 else None
            if auth_mode is None:
                raise click.UsageError(f"{ssid!r} is saved {len(modes)} times: give --auth-mode")
        client.wifi_forget(ssid, auth_mode)
    click.echo(f"forgot {ssid}")


@wifi.command("reconnect")
@click.argument("state", type=click.Choice(["on", "off"]))
@click.pass_obj
def wifi_reconnect(obj: Target, state: str) -> None:
    """Move to a saved network when the current one is lost or fails (on|off)."""
    with obj.client() as client:
        client.wifi_set_reconnect(state == "on")
    click.echo(f"reconnect to saved networks: {state}")


@click.group()
def failover() -> None:
    """WAN failover: which interfaces are checked, and which one is preferred."""


@failover.command("show")
@_json_option
@click.pass_obj
def failover_show(obj: Target, as_json: bool) -> None:
    """Show the checks and priorities."""
    with obj.client() as client:
        config = client.failover_config()
    if as_json:
        print_json(config)
        return
    table = Table("interface", "priority", "checks", "every", "up after", "down after", "addresses")
    for iface in ("eth", "wifi"):
        c = config[iface]
        table.add_row(
            iface,
            str(config["priority"][iface]),
            "on" if c["enable"] else "off",
            f"{c['check_interval']} min",
            str(c["check_success_time"]),
            str(c["check_fail_time"]),
            " ".join(c["check_ipv4"] + c["check_ipv6"]) or "-",
        )
    console.print(table)


@failover.command("set")
@click.argument("iface", type=click.Choice(["eth", "wifi"]))
@click.option("--check/--no-check", default=None, help="Probe this interface.")
@click.option("--interval", type=int, help="Minutes between probes (1-60).")
@click.option("--success", type=int, help="Successful rounds before usable again (1-10).")
@click.option("--fail", type=int, help="Failures of every address before faulty (1-10).")
@click.option("--address", "addresses", multiple=True, help="Check address (up to 3 each).")
@click.option("--priority", type=int, help="Priority 1-10; the smaller number wins.")
@click.pass_obj
def failover_set(
    obj: Target,
    iface: str,
    check: bool | None,
    interval: int | None,
    success: int | None,
    fail: int | None,
    addresses: tuple[str, ...],
    priority: int | None,
) -> None:
    """Change the checks (and priority) of IFACE."""
    change: dict[str, Any] = {
        key: value
        for key, value in (
            ("enable", check),
            ("check_interval", interval),
            ("check_success_time", success),
            ("check_fail_time", fail),
        )
        if value is not None
    }
    if addresses:
        change["check_ipv4"] = [a for a in addresses if ":" not in a]
        change["check_ipv6"] = [a for a in addresses if ":" in a]
    with obj.client() as client:
        client.failover_set_config(
            **{iface: change}, priority={iface: priority} if priority is not None else None
        )
    click.echo(f"failover: {iface} updated")
