"""The S20 API client: `S20Client` (blocking) and `AsyncS20Client` (asyncio).

Results are TypedDicts from `s20.client.results`; failures are `S20Error` (the device
refused) or `S20TransportError` (no answer), both from `s20.errors`.
"""

from s20.errors import S20Error, S20TransportError

from ._client import DEFAULT_URL, AsyncS20Client, S20Client

__all__ = ["DEFAULT_URL", "AsyncS20Client", "S20Client", "S20Error", "S20TransportError"]
