"""The pending dataset's delay timer, seen from the border router's side.

A leader applies a pending dataset when its delay timer runs out: the pending dataset
becomes the active one (a channel change, say). The radio does that on its own; this
watch wakes the service just after, on the injected clock, so that the stored
configuration follows the radio and `/otbr/get_status` and a restart agree with it.
"""

from __future__ import annotations

from collections.abc import Callable

from s20.clock import Clock, Timer
from s20.thread import Dataset, DatasetError

__all__ = ["PendingWatch", "delay_seconds"]

# The radio's timer and ours are due at the same instant; ours runs just after.
_MARGIN = 0.05


def delay_seconds(tlvs: str) -> float | None:
    """Return the delay timer of a pending dataset in seconds, or None if it has none."""
    try:
        delay = Dataset.from_tlvs(tlvs).delay_timer
    except DatasetError:
        return None
    return None if delay is None else delay / 1000


class PendingWatch:
    """One timer for the pending dataset in place; a new pending dataset replaces it."""

    def __init__(self, clock: Clock, on_due: Callable[[], None]) -> None:
        self._clock = clock
        self._on_due = on_due
        self._timer: Timer | None = None

    def arm(self, tlvs: str) -> None:
        """Watch for the pending dataset `tlvs` to become active."""
        self.cancel()
        delay = delay_seconds(tlvs)
        if delay is not None:
            self._timer = self._clock.call_later(delay + _MARGIN, self._fire)

    def cancel(self) -> None:
        """Stop watching."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        self._on_due()
