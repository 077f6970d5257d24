"""The load round of `make bench` runs end to end, small and short, and prints its verdict."""

from __future__ import annotations

import pytest
from benchmarks.load import LoadConfig, print_report, run_load_round
from rich.console import Console

pytestmark = pytest.mark.e2e


def test_a_short_load_round_measures_every_party_and_prints_the_verdict() -> None:
    report = run_load_round(LoadConfig(seconds=1.0, clients=5, idle=5, flood=2))

    polls = [report.calls[path] for path in ("/otbr/get_status", "/sys/get_info")]
    assert all(stats.requests > 0 for stats in polls)
    flood = report.calls["GET /ui/challenge (flood)"]
    assert flood.requests > 0
    assert flood.failed == 0  # the flood reaches the nonce store, not the Host guard
    assert report.logins.requests == 1
    assert report.idle.opened + report.idle.refused == 5
    assert report.rss_mb["before"] is None or report.rss_mb["before"] > 10

    console = Console(record=True, width=140)
    print_report(report, console)
    text = console.export_text()
    assert "s20d under load for 1 s: 5 pollers, 5 idle connections, 2 flood connections" in text
    assert "/sys/get_info" in text
    verdict = f"real user's login succeeded in {report.logins_ok}/1 rounds; errors: {report.errors}"
    assert text.rstrip().endswith(verdict)
    assert text.count("PASS" if report.passed else "FAIL") == 1
