"""The S20 API client: `S20Client` (blocking) and `AsyncS20Client` (asyncio)."""

from s20.errors import S20Error

from ._client import DEFAULT_URL, AsyncS20Client, S20Client

__all__ = ["DEFAULT_URL", "AsyncS20Client", "S20Client", "S20Error"]
