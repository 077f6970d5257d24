"""How a radio failure reaches the API: -32020 with the radio's own reason."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from s20.errors import OperationFailed
from s20.otcli import RadioError

__all__ = ["radio_errors"]


@contextlib.contextmanager
def radio_errors(what: str) -> Iterator[None]:
    """Turn a radio failure into -32020 carrying the radio's reason."""
    try:
        yield
    except RadioError as exc:
        raise OperationFailed(f"{what} failed: the Thread radio said {exc}") from exc
