"""The load round: is a real user still served while the device is under load and abuse?

It starts the real `s20d` as a separate process and, for a fixed time, loads it with
status pollers holding a valid Token, idle connections, and a `/ui/challenge` flood from
other loopback addresses, while a real user logs in once a round with the `s20` client.
The verdict is about that user and the pollers; the abusers are only measured.
"""

from __future__ import annotations

import math
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from s20.client import S20Client
from s20.errors import S20Error

from .abuse import AbuseJob, AbuseResult, IdleResult
from .pollers import POLLED, PollJob
from .server import ServerProcess, split_cores
from .stats import CallStats
from .workers import Job, LoadProcesses

__all__ = ["LoadConfig", "LoadReport", "print_report", "run_load_round"]

PASSWORD = "benchmark-pw-1"
USER_SOURCE = "127.0.0.1"
FLOOD_SOURCE = "127.0.0.2"
IDLE_SOURCE = "127.0.0.3"
LOGIN = "real user: challenge + login"
FLOOD = "GET /ui/challenge (flood)"
MAX_POLL_PROCESSES = 4
# Caps on requests per client and per flood connection: far above what a loopback
# server answers in the round, so time ends the loops, but a bound all the same.
MAX_RATE_PER_CONNECTION = 2000


@dataclass(frozen=True)
class LoadConfig:
    """How hard and how long to load the server."""

    seconds: float = 10.0
    clients: int = 200
    idle: int = 500
    flood: int = 16
    round_interval: float = 1.0
    timeout: float = 5.0

    @property
    def budget(self) -> int:
        """Return the most requests one client or flood connection may make."""
        return math.ceil(self.seconds * MAX_RATE_PER_CONNECTION)


@dataclass
class LoadReport:
    """What the round measured."""

    config: LoadConfig
    calls: dict[str, CallStats]
    idle: IdleResult
    rss_mb: dict[str, float | None] = field(default_factory=dict)

    @property
    def logins(self) -> CallStats:
        """Return the real user's login rounds."""
        return self.calls[LOGIN]

    @property
    def logins_ok(self) -> int:
        """Return how many of the real user's logins succeeded."""
        return self.logins.requests - self.logins.failed

    @property
    def errors(self) -> int:
        """Return how many of the pollers' requests failed."""
        return sum(self.calls[path].failed for path in POLLED)

    @property
    def passed(self) -> bool:
        """Return whether every login round and every poll was served."""
        attempted = self.logins.requests
        return attempted > 0 and self.logins_ok == attempted and self.errors == 0

    @property
    def verdict(self) -> str:
        """Return the one line a person reads first."""
        return (
            f"real user's login succeeded in {self.logins_ok}/{self.logins.requests} rounds; "
            f"errors: {self.errors}"
        )


def run_load_round(config: LoadConfig) -> LoadReport:
    """Start s20d, initialize it, load it for `config.seconds`; return the figures."""
    server_core, load_cores = split_cores()
    pollers = max(1, min(MAX_POLL_PROCESSES, len(load_cores or ()), config.clients))
    with (
        tempfile.TemporaryDirectory() as tmp,
        # No OTBR REST API: its fixed port would clash with another s20d on the machine.
        closing(ServerProcess(Path(tmp), server_core, ("--otbr-rest-port", "0"))) as server,
        closing(LoadProcesses(pollers + 1, load_cores)) as workers,
    ):
        with S20Client(server.url, timeout=config.timeout) as admin:
            admin.set_init(PASSWORD)
            token = admin.login(PASSWORD)
        rss: dict[str, float | None] = {"before": server.rss_mb()}
        workers.start(_jobs(config, pollers, server.url, server.port, token))
        logins, peak = _user_rounds(config, server)
        figures = workers.collect(wait=config.seconds + config.timeout + 30.0)
        rss["peak"] = max(filter(None, [peak, server.rss_mb()]), default=None)
        calls = {path: CallStats() for path in POLLED}
        calls[FLOOD] = CallStats()
        idle = IdleResult(config.idle)
        for figure in figures:
            if isinstance(figure, AbuseResult):
                calls[FLOOD].merge(figure.flood)
                idle = figure.idle
            else:
                for path, stats in figure.items():
                    calls[path].merge(stats)
        calls[LOGIN] = logins
        rss["after"] = server.rss_mb()
    return LoadReport(config, calls, idle, rss)


def _jobs(config: LoadConfig, pollers: int, url: str, port: int, token: str) -> list[Job]:
    shares = [config.clients // pollers + (n < config.clients % pollers) for n in range(pollers)]
    jobs: list[Job] = [
        PollJob(url, token, share, config.seconds, config.budget, config.timeout)
        for share in shares
    ]
    jobs.append(
        AbuseJob(
            port=port,
            seconds=config.seconds,
            flood=config.flood,
            flood_source=FLOOD_SOURCE,
            idle=config.idle,
            idle_source=IDLE_SOURCE,
            budget=config.budget,
            timeout=config.timeout,
        )
    )
    return jobs


def _user_rounds(config: LoadConfig, server: ServerProcess) -> tuple[CallStats, float | None]:
    """Log in as a real user would, once a round, while the load runs; sample the RSS.

    Each round's user starts on time in a thread of its own: a slow login must not
    push the later rounds past the end of the load, where they would prove nothing.
    """
    rounds = max(1, int(config.seconds / config.round_interval))
    peak: float | None = None
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=rounds, thread_name_prefix="user") as users:
        pending = []
        for n in range(rounds):
            # Mid-round, so the first login meets the load already running.
            time.sleep(max(0.0, start + (n + 0.5) * config.round_interval - time.monotonic()))
            pending.append(users.submit(_login, server.url, config.timeout))
            peak = max(filter(None, [peak, server.rss_mb()]), default=None)
        logins = CallStats()
        for future in pending:
            logins.record(*future.result())
    return logins, peak


def _login(url: str, timeout: float) -> tuple[float, str | None]:
    """Run challenge + login with the right password; return its time and any failure."""
    began = time.perf_counter()
    try:
        with S20Client(url, timeout=timeout) as user:
            user.login(PASSWORD)
    except S20Error as exc:
        return time.perf_counter() - began, f"{type(exc).__name__}: {exc.err_msg}"
    return time.perf_counter() - began, None


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f}"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MB"


def print_report(report: LoadReport, console: Console) -> None:
    """Print the figures as tables, the failures' reasons, and the verdict line."""
    config = report.config
    calls = Table(
        title=(
            f"s20d under load for {config.seconds:g} s: {config.clients} pollers, "
            f"{config.idle} idle connections, {config.flood} flood connections"
        )
    )
    for column in ("call", "from", "requests", "errors", "p50 ms", "p99 ms", "per second"):
        calls.add_column(column, justify="left" if column in ("call", "from") else "right")
    sources = {LOGIN: USER_SOURCE, FLOOD: FLOOD_SOURCE}
    for name, stats in report.calls.items():
        calls.add_row(
            name,
            sources.get(name, USER_SOURCE),
            str(stats.requests),
            str(stats.failed),
            _ms(stats.percentile(0.5)),
            _ms(stats.percentile(0.99)),
            f"{stats.requests / config.seconds:,.1f}",
        )
    console.print(calls)

    idle = report.idle
    closed = sorted(idle.closed_after)
    figures = Table(title="what the server held", show_header=False)
    figures.add_column("figure")
    figures.add_column("value", justify="right")
    figures.add_row(
        "real user's logins attempted / succeeded", f"{report.logins.requests} / {report.logins_ok}"
    )
    figures.add_row(
        f"challenge flood from {FLOOD_SOURCE}",
        f"{report.calls[FLOOD].requests / config.seconds:,.0f} requests/s",
    )
    figures.add_row(
        f"idle connections from {IDLE_SOURCE} held at the end",
        f"{idle.held} of {idle.wanted}",
    )
    figures.add_row(
        "idle connections refused / closed by the server",
        f"{idle.refused} / {len(closed)}"
        + (f" (median after {closed[len(closed) // 2]:.1f} s)" if closed else ""),
    )
    figures.add_row(
        "server RSS before / peak / after",
        " / ".join(_mb(report.rss_mb.get(key)) for key in ("before", "peak", "after")),
    )
    console.print(figures)

    for name, stats in report.calls.items():
        for reason, count in stats.errors.most_common(5):
            console.print(f"  {name}: {count} x {reason}")
    mark = "[bold green]PASS[/]" if report.passed else "[bold red]FAIL[/]"
    console.print(f"{mark} {report.verdict}")
