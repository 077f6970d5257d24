"""s20d beside a bare FastAPI endpoint, over real HTTP, in one run: what a user feels.

Both servers run in processes of their own on one core; the load generator (wrk, or our
own process without it) runs on the others, 10 kept-alive connections unless a row says
otherwise. A rate's ratio is s20d's answers per second over the bare endpoint's, measured
back to back, so that the noise of a shared machine falls on both.
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
from rich.table import Table

from s20.client import S20Client

from .bare import TOKEN as BARE_TOKEN
from .drive import Measure, drive, drive_logins, load_generator
from .server import ServerProcess, free_port, rss_mb, split_cores

__all__ = ["Comparison", "compare", "comparison_table"]

PASSWORD = "benchmark-pw-1"
CONNECTIONS = 10
MANY = 50
LEADER = 4
ATTACH_WAIT = 60.0
_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    """One call as measured on s20d, and on the bare endpoint where a ratio applies."""

    name: str
    before: str
    goal: str
    s20: Measure
    bare: Measure | None
    met: bool | None

    @property
    def ratio(self) -> float | None:
        """Return s20d's rate over the bare endpoint's."""
        if self.bare is None or not self.bare.rate:
            return None
        return self.s20.rate / self.bare.rate


@dataclass(frozen=True)
class Comparison:
    """Every row, and the figures measured once: memory and time to the first answer."""

    rows: list[Row]
    startup_s: float
    idle_rss_mb: float | None
    bare_startup_s: float
    bare_rss_mb: float | None
    generator: str


@dataclass(frozen=True)
class _Bare:
    port: int
    startup_s: float  # from spawning to the first answer
    rss_mb: float | None  # right after that answer


@contextmanager
def _bare_server(core: set[int] | None) -> Iterator[_Bare]:
    """Run the bare FastAPI endpoint with uvicorn (uvloop, httptools) until it answers."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "benchmarks.bare:app", "--port", str(port)]
    command += ["--host", "127.0.0.1", "--loop", "uvloop", "--http", "httptools"]
    command += ["--log-level", "warning", "--no-access-log"]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=_ROOT)  # noqa: S603 - our own module
    if core is not None:
        os.sched_setaffinity(proc.pid, core)
    try:
        _wait_for_answer(f"http://127.0.0.1:{port}/status")
        yield _Bare(port, time.perf_counter() - started, rss_mb(proc.pid))
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _wait_for_answer(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.01)
    raise RuntimeError(f"nothing answers at {url}")


def _first_answer(server: ServerProcess) -> float:
    """Return the seconds from spawning s20d to its first answer."""
    with S20Client(server.url, timeout=30) as client:
        client.check_initialized()
    return time.perf_counter() - server.started


def compare(seconds: float) -> Comparison:
    """Start both servers, drive each row's call on both, return the figures."""
    server_core, load_cores = split_cores()
    rest_port = free_port()
    args = ("--otbr-rest-port", str(rest_port))
    with (
        tempfile.TemporaryDirectory() as tmp,
        closing(ServerProcess(Path(tmp), server_core, args)) as s20d,
    ):
        # One server starts at a time: their starts are measured, on the same core.
        startup = _first_answer(s20d)
        idle_rss = s20d.rss_mb()
        with _bare_server(server_core) as bare:
            rows = _rows(s20d, rest_port, bare.port, seconds, load_cores)
    return Comparison(rows, startup, idle_rss, bare.startup_s, bare.rss_mb, load_generator())


def _rows(
    s20d: ServerProcess, rest_port: int, bare_port: int, seconds: float, load_cores: set[int] | None
) -> list[Row]:
    """Drive each call on s20d, and the bare endpoint just before it."""
    rows: list[Row] = []
    with S20Client(s20d.url) as admin:
        admin.set_init(PASSWORD)
        token = admin.login(PASSWORD)
    port = s20d.port
    bare_token = (f"Token: {BARE_TOKEN}",)
    s20_token = (f"Token: {token}",)

    def pair(name: str, path: str, headers: tuple[str, ...], before: str, goal: float) -> None:
        serving = rest_port if path.startswith("/node/") else port
        bare = drive(bare_port, "/status", bare_token, CONNECTIONS, seconds, load_cores)
        s20 = drive(serving, path, headers, CONNECTIONS, seconds, load_cores)
        met = s20.rate >= goal * bare.rate if goal else None
        rows.append(Row(name, before, f">= {goal:.1f}x" if goal else "-", s20, bare, met))

    pair("GET /otbr/get_status, Thread off", "/otbr/get_status", s20_token, "0.50x", 1.0)
    with S20Client(s20d.url, timeout=30) as admin:
        admin.login(PASSWORD)
        admin.thread_start()
        pair("GET /ui/check_initialized (no token)", "/ui/check_initialized", (), "0.77x", 1.5)
        deadline = time.monotonic() + ATTACH_WAIT
        while admin.thread_status()["RCP"]["State"] != LEADER:
            if time.monotonic() > deadline:
                raise RuntimeError("the simulated node did not become leader")
            time.sleep(0.5)
    pair("GET /otbr/get_status, leader", "/otbr/get_status", s20_token, "0.46x", 1.0)
    many = drive(port, "/otbr/get_status", s20_token, MANY, seconds, load_cores)
    met = many.p99 is not None and many.p99 <= 0.010
    rows.append(Row(f"get_status, {MANY} clients", "27.8 ms p99", "p99 <= 10 ms", many, None, met))
    pair("OTBR REST GET /node/state", "/node/state", (), "-", 0.0)
    logins = drive_logins(port, PASSWORD, seconds, load_cores)
    met = logins.rate >= 1000
    rows.append(Row("challenge + login", "not measured", ">= 1,000/s", logins, None, met))
    return rows


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.2f}"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MB"


def _met(met: bool | None) -> str:
    return "" if met is None else ("[green]met[/]" if met else "[red]not met[/]")


def machine() -> str:
    """Say what the figures were taken on: cores, CPU model, Python."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def comparison_table(result: Comparison) -> Table:
    """Lay the figures out: each row as a ratio to the bare endpoint, p50/p99, memory."""
    table = Table(
        title="s20d beside a bare FastAPI endpoint (token check, small JSON), one core each",
        caption=f"{machine()}; load: {result.generator}, {CONNECTIONS} connections unless "
        "the row says otherwise; 'before': the figures before this work",
    )
    for column in ("call", "before", "goal", "s20d", "bare", "ratio", "p50 ms", "p99 ms"):
        table.add_column(column, justify="left" if column == "call" else "right")
    table.add_column("errors", justify="right")
    table.add_column("")
    for row in result.rows:
        ratio = row.ratio
        table.add_row(
            row.name,
            row.before,
            row.goal,
            f"{row.s20.rate:,.0f}",
            f"{row.bare.rate:,.0f}" if row.bare else "-",
            f"{ratio:.2f}x" if ratio is not None else "-",
            _ms(row.s20.p50),
            _ms(row.s20.p99),
            str(row.s20.errors),
            _met(row.met),
        )
    rss = result.idle_rss_mb
    table.add_row(
        "RSS when idle, after first start",
        "60 MB",
        "<= 45 MB",
        _mb(rss),
        _mb(result.bare_rss_mb),
        *["-"] * 4,
        _met(rss <= 45 if rss is not None else None),
    )
    table.add_row(
        "start to first answer",
        "0.62 s",
        "<= 0.5 s",
        f"{result.startup_s:.2f} s",
        f"{result.bare_startup_s:.2f} s",
        *["-"] * 4,
        _met(result.startup_s <= 0.5),
    )
    return table


if __name__ == "__main__":
    from rich.console import Console

    Console().print(comparison_table(compare(float(os.environ.get("S20_BENCH_SECONDS", "5")))))
