"""Drive one server with one fixed request: wrk where installed, else our own load process."""

from __future__ import annotations

import re
import shutil
import subprocess
from contextlib import closing
from dataclasses import dataclass

from .rawhttp import FixedRequestJob, LoginJob, http_request
from .stats import CallStats
from .workers import Job, LoadProcesses

__all__ = ["Measure", "drive", "drive_logins", "load_generator", "parse_wrk"]

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}
_LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass(frozen=True)
class Measure:
    """One server's figures for one kind of request."""

    rate: float  # answers per second
    p50: float | None  # seconds
    p99: float | None
    errors: int


def load_generator() -> str:
    """Name what drives the fixed-request rows: wrk if installed, else our own process."""
    return "wrk" if shutil.which("wrk") else "benchmarks.rawhttp (wrk is not installed)"


def drive(
    port: int,
    path: str,
    headers: tuple[str, ...],
    connections: int,
    seconds: float,
    cpus: set[int] | None,
) -> Measure:
    """Send `GET path` over `connections` kept-alive connections for `seconds`."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return _own(
            FixedRequestJob(port, http_request("GET", path, *headers), connections, seconds), cpus
        )
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://127.0.0.1:{port}{path}")
    taskset = shutil.which("taskset")
    if cpus is not None and taskset is not None:
        command = [taskset, "-c", ",".join(map(str, sorted(cpus))), *command]
    out = subprocess.run(  # noqa: S603 - wrk, with our own arguments
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return parse_wrk(out)


def drive_logins(port: int, password: str, seconds: float, cpus: set[int] | None) -> Measure:
    """Run challenge + login pairs over 10 connections; one sample per pair."""
    return _own(LoginJob(port, password, 10, seconds), cpus)


def _own(job: Job, cpus: set[int] | None) -> Measure:
    with closing(LoadProcesses(1, cpus)) as workers:
        workers.start([job])
        (stats,) = workers.collect(wait=job.seconds + 60)
    assert isinstance(stats, CallStats)
    return Measure(
        rate=stats.requests / job.seconds,
        p50=stats.percentile(0.5),
        p99=stats.percentile(0.99),
        errors=stats.failed,
    )


def parse_wrk(out: str) -> Measure:
    """Read rate, p50, p99 and errors (socket errors, non-2xx answers) from wrk --latency."""
    latencies = {int(m[1]): float(m[2]) * _UNITS[m[3]] for m in _LATENCY.finditer(out)}
    rate = _RATE.search(out)
    errors = sum(int(n) for m in _SOCKET_ERRORS.finditer(out) for n in m.groups())
    errors += sum(int(m[1]) for m in _NON_2XX.finditer(out))
    return Measure(
        rate=float(rate[1]) if rate else 0.0,
        p50=latencies.get(50),
        p99=latencies.get(99),
        errors=errors,
    )
