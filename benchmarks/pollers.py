"""Many status pollers with a valid Token: the device's ordinary, legitimate load."""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass

import httpx2 as httpx

from .stats import CallStats, envelope_error
from .workers import Go

__all__ = ["POLLED", "PollJob"]

POLLED = ("/otbr/get_status", "/sys/get_info")


@dataclass(frozen=True)
class PollJob:
    """`clients` httpx clients, each on its own connection, alternating the two GETs."""

    url: str
    token: str
    clients: int
    seconds: float
    budget: int
    timeout: float

    async def run(self, go: Go) -> dict[str, CallStats]:
        """Poll until the deadline or `budget` requests per client; return per-path figures."""
        stats = {path: CallStats() for path in POLLED}
        headers = {"Token": self.token}
        # Each client would load the CA bundle again (~0.1 s apiece) for a URL that is
        # plain HTTP anyway; one shared context makes 200 clients start in a moment.
        tls = ssl.create_default_context()
        clients = [
            httpx.AsyncClient(base_url=self.url, headers=headers, timeout=self.timeout, verify=tls)
            for _ in range(self.clients)
        ]
        try:
            deadline = await go()
            await asyncio.gather(
                *(self._poll(client, n, deadline, stats) for n, client in enumerate(clients))
            )
        finally:
            await asyncio.gather(*(client.aclose() for client in clients))
        return stats

    async def _poll(
        self, client: httpx.AsyncClient, first: int, deadline: float, stats: dict[str, CallStats]
    ) -> None:
        for n in range(first, first + self.budget):
            if time.monotonic() >= deadline:
                return
            path = POLLED[n % len(POLLED)]
            start = time.perf_counter()
            try:
                response = await client.get(path)
                error = envelope_error(response.status_code, response.content)
            except httpx.HTTPError as exc:
                error = type(exc).__name__
            stats[path].record(time.perf_counter() - start, error)
