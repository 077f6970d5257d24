"""Latency samples and error reasons of one kind of call, mergeable across processes."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["CallStats", "envelope_error"]


@dataclass
class CallStats:
    """Every request of one kind: how long each took, and why the failed ones failed."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    def record(self, seconds: float, error: str | None = None) -> None:
        """Count one request that took `seconds`; `error` names why it failed, if it did."""
        self.latencies.append(seconds)
        if error is not None:
            self.errors[error] += 1

    def merge(self, other: CallStats) -> None:
        """Add another process's requests of the same kind."""
        self.latencies.extend(other.latencies)
        self.errors.update(other.errors)

    @property
    def requests(self) -> int:
        """Return how many requests were made."""
        return len(self.latencies)

    @property
    def failed(self) -> int:
        """Return how many requests failed."""
        return sum(self.errors.values())

    def percentile(self, fraction: float) -> float | None:
        """Return the nearest-rank percentile in seconds (None without samples)."""
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def envelope_error(status: int, body: bytes) -> str | None:
    """Return why an API answer is a failure (HTTP status, no envelope, code), or None."""
    if status != 200:
        return f"HTTP {status}"
    try:
        data = json.loads(body)
    except ValueError:
        return "not JSON"
    if not isinstance(data, dict) or not isinstance(data.get("code"), int):
        return "no envelope"
    if data["code"] != 0:
        return f"code {data['code']}"
    return None
