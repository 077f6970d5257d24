"""Measure what a user feels: login, status polling, PSKc, dataset codec, memory, load."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from pathlib import Path

import click
import httpx2 as httpx
from rich.console import Console
from rich.table import Table

from s20.api import create_app
from s20.client import AsyncS20Client
from s20.clock import SystemClock
from s20.daemon.device import Device
from s20.daemon.platform import open_platform
from s20.store import Database
from s20.thread import Dataset, generate_network, pskc

from .compare import compare, comparison_table
from .load import LoadConfig, print_report, run_load_round
from .otbr_rest import otbr_rest_table

PASSWORD = "benchmark-pw-1"


def _row(table: Table, name: str, samples: list[float], unit: str = "ms") -> None:
    scale = 1000.0 if unit == "ms" else 1.0
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * scale
    p95 = ordered[int(len(ordered) * 0.95) - 1] * scale
    rate = len(samples) / sum(samples)
    table.add_row(name, str(len(samples)), f"{p50:.2f}", f"{p95:.2f}", f"{rate:,.0f}")


async def _time(fn: Callable[[], Awaitable[object]], n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - start)
    return samples


def _time_sync(fn: Callable[[], object], n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


async def main() -> None:
    table = Table(title="s20 benchmarks (in process, simulated radio)")
    for column in ("what", "n", "p50 ms", "p95 ms", "per second"):
        table.add_column(column, justify="right" if column != "what" else "left")

    tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        clock = SystemClock()
        db = Database.in_dir(Path(tmp))
        platform = await open_platform("sim:", clock, Path(tmp))
        device = Device(db, clock, platform)
        await device.start()
        transport = httpx.ASGITransport(app=create_app(device))
        async with AsyncS20Client("http://bench", transport=transport) as client:
            await client.set_init(PASSWORD)
            _row(
                table, "login (challenge + login)", await _time(lambda: client.login(PASSWORD), 300)
            )
            _row(table, "GET /ui/check_initialized", await _time(client.check_initialized, 500))
            _row(table, "GET /otbr/get_status (off)", await _time(client.thread_status, 300))
            await client.thread_start()
            while (await client.thread_status())["RCP"]["State"] != 4:
                await asyncio.sleep(0.5)
            _row(table, "GET /otbr/get_status (leader)", await _time(client.thread_status, 300))
            _row(table, "GET /otbr/get_joiner_list", await _time(client.joiner_list, 300))

            async def ten_pollers() -> None:
                await asyncio.gather(*(client.thread_status() for _ in range(10)))

            _row(table, "10 concurrent get_status", await _time(ten_pollers, 100))
            _row(
                table,
                "POST /otbr/add_joiner",
                await _time(lambda: client.add_joiner("J01NME", "18b4300000000001"), 200),
            )
        await device.close()
        db.close()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    dataset = generate_network("Bench", 15, "benchmark", now=time.time())
    hex_form = dataset.to_hex()
    _row(
        table,
        "pskc() (16384 AES-CMAC)",
        _time_sync(lambda: pskc("12SECRETPASSWORD34", "Test Network", b"\x00" * 8), 50),
    )
    _row(
        table,
        "Dataset.from_tlvs + to_tlvs",
        _time_sync(lambda: Dataset.from_tlvs(hex_form).to_tlvs(), 2000),
    )
    console = Console()
    console.print(table)
    console.print(f"peak traced Python memory during the API runs: {peak / 1e6:.1f} MB")
    console.print(await otbr_rest_table())


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--seconds",
    envvar="S20_BENCH_SECONDS",
    type=click.FloatRange(min=1.0),
    default=LoadConfig.seconds,
    show_default=True,
    help="How long the load round loads s20d.",
)
@click.option("--clients", type=click.IntRange(1), default=LoadConfig.clients, show_default=True)
@click.option("--idle", type=click.IntRange(0), default=LoadConfig.idle, show_default=True)
@click.option(
    "--flood",
    type=click.IntRange(0),
    default=LoadConfig.flood,
    show_default=True,
    help="Connections flooding /ui/challenge.",
)
@click.option(
    "--compare-seconds",
    type=click.FloatRange(min=1.0),
    default=5.0,
    show_default=True,
    help="How long each call of the comparison with the bare FastAPI endpoint is driven.",
)
@click.option(
    "--load-only", is_flag=True, help="Skip the in-process benchmarks and the comparison."
)
@click.option("--compare-only", is_flag=True, help="Run only the comparison over real HTTP.")
def cli(
    seconds: float,
    clients: int,
    idle: int,
    flood: int,
    compare_seconds: float,
    load_only: bool,
    compare_only: bool,
) -> None:
    """Print the benchmarks; exit 1 if the real user was not served under load."""
    console = Console() if Console().is_terminal else Console(width=150)
    if not load_only:
        if not compare_only:
            asyncio.run(main())
        console.print(comparison_table(compare(compare_seconds)))
        if compare_only:
            return
    report = run_load_round(LoadConfig(seconds=seconds, clients=clients, idle=idle, flood=flood))
    print_report(report, console)
    sys.exit(0 if report.passed else 1)


if __name__ == "__main__":
    cli()
