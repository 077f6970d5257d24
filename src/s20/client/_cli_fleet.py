"""`s20ctl status` and `info`: one device, or many at once, a table row (or object) each."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ._cli_common import Target, console, print_json, selection_of
from ._client import AsyncS20Client
from ._exit import EXIT_OK, FAILURES, describe, exit_status, headline, worst
from ._profiles import ProfileError

__all__ = ["info", "status"]

ROLE = {0: "disabled", 1: "detached", 2: "child", 3: "router", 4: "leader"}
WAN = {0: "down", 1: "no internet", 2: "up"}
PIPE_WIDTH = 10_000

Fetch = Callable[[AsyncS20Client], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Outcome:
    """What one device answered, or why it did not."""

    target: Target
    result: dict[str, Any] | None = None
    failure: Exception | None = None

    @property
    def status(self) -> int:
        """Return this device's exit status."""
        return EXIT_OK if self.failure is None else exit_status(self.failure)

    def as_json(self) -> dict[str, Any]:
        """Return the result, or the failure as `{"error": {status, code, err_msg}}`."""
        if self.failure is None:
            assert self.result is not None
            return self.result
        code = getattr(self.failure, "code", None)
        return {
            "error": {
                "status": self.status,
                "code": code if isinstance(code, int) and code < 0 else None,
                "err_msg": describe(self.failure),
            }
        }


async def _one(target: Target, login: bool, fetch: Fetch) -> Outcome:
    try:
        async with target.async_client(login=login) as client:
            return Outcome(target, await fetch(client))
    except FAILURES as exc:
        return Outcome(target, failure=exc)


def _run(targets: list[Target], login: bool, fetch: Fetch) -> list[Outcome]:
    """Run `fetch` on every device at once; a failure is that device's outcome only."""
    ready: list[Target] = []
    early: dict[int, Outcome] = {}
    for i, target in enumerate(targets):
        try:
            if login:
                target.login_password()  # prompts now, one device after the other
            ready.append(target)
        except ProfileError as exc:
            early[i] = Outcome(target, failure=exc)

    async def gather() -> list[Outcome]:
        return list(await asyncio.gather(*(_one(t, login, fetch) for t in ready)))

    answered = iter(asyncio.run(gather()))
    return [early[i] if i in early else next(answered) for i in range(len(targets))]


def _report(ctx: click.Context, outcomes: list[Outcome], as_json: bool, table: Table) -> None:
    named = selection_of(ctx).named
    if not named and outcomes[0].failure is not None:
        raise outcomes[0].failure  # one device, as every other command: one line on stderr
    if as_json:
        results = {o.target.label: o.as_json() for o in outcomes}
        print_json(results if named else outcomes[0].result)
    else:
        # In a pipe nothing is cut: each row stays one line for grep and awk.
        (console if console.is_terminal else Console(width=PIPE_WIDTH)).print(table)
        for o in outcomes:
            if o.failure is not None:
                click.echo(f"{o.target.label}: {describe(o.failure)}", err=True)
    ctx.exit(worst([o.status for o in outcomes]))


def _table(*columns: str) -> Table:
    table = Table()
    for column in ("device", "URL", "state", *columns):
        table.add_column(column, overflow="fold")
    return table


def _failure_row(outcome: Outcome, width: int) -> list[str]:
    assert outcome.failure is not None
    text = f"[red]{headline(outcome.failure)}[/red]"
    return [outcome.target.label, outcome.target.url, text, *["-"] * width]


async def _status(client: AsyncS20Client) -> dict[str, Any]:
    info = await client.get_info()
    thread = await client.thread_status()
    return {"info": info, "thread": thread}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the raw results.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Show WAN, Thread and commissioner state; with several devices, a row each."""
    outcomes = _run(selection_of(ctx).targets, True, _status)
    columns = ("WAN", "Thread", "network", "channel", "commissioner")
    table = _table(*columns)
    for o in outcomes:
        if o.result is None:
            table.add_row(*_failure_row(o, len(columns)))
            continue
        info, thread = o.result["info"], o.result["thread"]
        role = thread["RCP"]["State"]
        table.add_row(
            o.target.label,
            o.target.url,
            "ok",
            WAN.get(info["wan_status"], str(info["wan_status"])),
            ROLE.get(role, str(role)),
            thread["Network"]["NetworkName"] or "-",
            str(thread["Network"]["Channel"]),
            "on" if info["thread_commissioner_status"] else "off",
        )
    _report(ctx, outcomes, as_json, table)


async def _info(client: AsyncS20Client) -> dict[str, Any]:
    return dict(await client.check_initialized())


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the raw results.")
@click.pass_context
def info(ctx: click.Context, as_json: bool) -> None:
    """Show model, firmware, MAC and whether each device is initialized (no login)."""
    outcomes = _run(selection_of(ctx).targets, False, _info)
    columns = ("initialized", "model", "firmware", "MAC")
    table = _table(*columns)
    for o in outcomes:
        if o.result is None:
            table.add_row(*_failure_row(o, len(columns)))
            continue
        r = o.result
        table.add_row(
            o.target.label,
            o.target.url,
            "ok",
            "yes" if r["initialized"] else "no",
            r["model"],
            f"{r['firmware_version']} ({r['firmware_category']})",
            r["mac"],
        )
    _report(ctx, outcomes, as_json, table)
