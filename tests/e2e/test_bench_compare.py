"""The comparison of `make bench`: wrk's report read right, our own load generator working."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from benchmarks.drive import parse_wrk
from benchmarks.rawhttp import FixedRequestJob, LoginJob, http_request

from s20.client import S20Client
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e

WRK = """Running 5s test @ http://127.0.0.1:8080/otbr/get_status
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  312.10us   9.87ms   91.14%
    Req/Sec     6.60k   402.11     7.10k    80.00%
  Latency Distribution
     50%    1.48ms
     75%    1.60ms
     90%    1.79ms
     99%  850.00us
  32870 requests in 5.01s, 35.67MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   6560.88
Transfer/sec:      7.12MB
"""


def test_wrk_figures_are_read_with_their_units() -> None:
    measure = parse_wrk(WRK)
    assert measure.rate == pytest.approx(6560.88)
    assert measure.p50 == pytest.approx(0.00148)
    assert measure.p99 == pytest.approx(0.00085)
    assert measure.errors == 7


async def _go() -> float:
    return time.monotonic() + 0.3


def test_our_load_generator_polls_and_logs_in_against_the_real_daemon(tmp_path: Path) -> None:
    password = "benchmark-pw-1"
    with running_s20d(tmp_path) as url:
        with S20Client(url) as admin:
            admin.set_init(password)
            token = admin.login(password)
        port = int(url.rsplit(":", 1)[1])
        request = http_request("GET", "/otbr/get_status", f"Token: {token}")
        # The jobs run here rather than in spawned load processes (the load round's test
        # covers those): the same code, without a second interpreter's start.
        polls = asyncio.run(FixedRequestJob(port, request, connections=2, seconds=0.3).run(_go))
        logins = asyncio.run(LoginJob(port, password, connections=3, seconds=0.3).run(_go))
    assert polls.requests > 0
    assert polls.failed == 0
    assert logins.requests > 0
    assert logins.failed == 0
