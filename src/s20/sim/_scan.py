"""Active scan, discovery scan and energy scan, printed row by row as channels are swept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from ._cli import Outcome

if TYPE_CHECKING:
    from s20.clock import Timer

    from ._node import VirtualNode

__all__ = ["Beacon", "energy_scan", "radio_scan"]

_SCAN_HEADER = (
    "| PAN  | MAC Address      | Ch | dBm | LQI |",
    "+------+------------------+----+-----+-----+",
)
_DISCOVER_HEADER = (
    "| Network Name     | Extended PAN     | PAN  | MAC Address      | Ch | dBm | LQI |",
    "+------------------+------------------+------+------------------+----+-----+-----+",
)
_ENERGY_HEADER = ("| Ch | RSSI |", "+----+------+")


@dataclass(frozen=True, slots=True)
class Beacon:
    """What a scan hears from one network's router on one channel."""

    network_name: str
    ext_pan_id: bytes
    pan_id: int
    extaddr: bytes
    channel: int
    rssi: int
    lqi: int

    def scan_row(self) -> str:
        """Return the `scan` row."""
        return (
            f"| {self.pan_id:04x} | {self.extaddr.hex()} | {self.channel:2} "
            f"| {self.rssi:3} | {self.lqi:3} |"
        )

    def discover_row(self) -> str:
        """Return the `discover` row."""
        return (
            f"| {self.network_name:<16} | {self.ext_pan_id.hex()} | {self.pan_id:04x} "
            f"| {self.extaddr.hex()} | {self.channel:2} | {self.rssi:3} | {self.lqi:3} |"
        )


def _canceller(timers: list[Timer]) -> Callable[[], None]:
    def cancel() -> None:
        for timer in timers:
            timer.cancel()

    return cancel


def radio_scan(node: VirtualNode, channels: list[int], *, discover: bool) -> Outcome:
    """Sweep `channels`, printing each network heard; `Done` after the last dwell."""
    timing = node.timing
    for line in _DISCOVER_HEADER if discover else _SCAN_HEADER:
        node.print_line(line)
    offset = timing.discover_response if discover else timing.scan_beacon
    timers: list[Timer] = []

    def heard(channel: int) -> None:
        for beacon in node.world.beacons(channel, exclude=node):
            node.print_async(beacon.discover_row() if discover else beacon.scan_row())

    step = timing.scan_channel + timing.scan_switch
    for index, channel in enumerate(channels):
        timers.append(node.clock.call_later(index * step + offset, partial(heard, channel)))
    total = len(channels) * step - timing.scan_switch
    timers.append(node.clock.call_later(total, node.finish_command))
    node.operation = _canceller(timers)
    return Outcome.PENDING


def energy_scan(node: VirtualNode, channels: list[int], duration_ms: int) -> Outcome:
    """Measure each channel for `duration_ms`; with 0 every row comes at once."""
    for line in _ENERGY_HEADER:
        node.print_line(line)

    def row(channel: int) -> None:
        node.print_async(f"| {channel:2} | {node.world.energy(channel, exclude=node):4} |")

    if duration_ms == 0:
        for channel in channels:
            row(channel)
        return Outcome.DONE
    timers: list[Timer] = []
    step = duration_ms / 1000

    def last(channel: int) -> None:
        row(channel)
        node.finish_command()

    for index, channel in enumerate(channels):
        callback = last if index == len(channels) - 1 else row
        timers.append(node.clock.call_later((index + 1) * step, partial(callback, channel)))
    node.operation = _canceller(timers)
    return Outcome.PENDING
