"""The node's native commissioner: petition, joiner entries with expiry, steering data."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from s20.clock import Timer
from s20.thread import (
    Dataset,
    JoinerDiscerner,
    RuleError,
    Wildcard,
    check_pskd,
    joiner_id,
    steering_data,
    steering_data_contains,
)

from ._errors import CliError, OtError

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = [
    "DEFAULT_COMMISSIONER_ID",
    "MAX_JOINER_ENTRIES",
    "Commissioner",
    "CommissionerState",
    "JoinerEntry",
    "JoinerTarget",
]

# OPENTHREAD_CONFIG_COMMISSIONER_MAX_JOINER_ENTRIES of OpenThread's POSIX build
# (otbr-agent, which the GL-S20 runs): a fifth entry fails with NoBufs.
MAX_JOINER_ENTRIES = 4
DEFAULT_COMMISSIONER_ID = "OpenThread Commissioner"
MAX_COMMISSIONER_ID_LENGTH = 64

JoinerTarget: TypeAlias = bytes | JoinerDiscerner | Wildcard


class CommissionerState(StrEnum):
    """The states `commissioner state` prints."""

    DISABLED = "disabled"
    PETITIONING = "petitioning"
    ACTIVE = "active"


@dataclass(slots=True)
class JoinerEntry:
    """One armed joiner: an EUI-64, a discerner or any joiner (`*`), with its PSKd."""

    target: JoinerTarget
    pskd: str
    expires_at: float
    timer: Timer | None = None

    @property
    def table_id(self) -> str:
        """Return the ID column of `commissioner joiner table`."""
        if isinstance(self.target, JoinerDiscerner):
            return f"0x{self.target.value:016x}/{self.target.bit_length}"
        if isinstance(self.target, bytes):
            return self.target.hex()
        return "*"

    @property
    def event_id(self) -> str:
        """Return the ID a `Joiner remove` line carries: the joiner ID of an EUI-64 entry."""
        return joiner_id(self.target).hex() if isinstance(self.target, bytes) else ""

    @property
    def steering_key(self) -> bytes | JoinerDiscerner | Wildcard:
        """Return what this entry hashes into the steering data."""
        return joiner_id(self.target) if isinstance(self.target, bytes) else self.target

    def matches(self, ident: bytes) -> bool:
        """Tell whether a joiner with this joiner ID may use the entry."""
        if isinstance(self.target, bytes):
            return joiner_id(self.target) == ident
        if isinstance(self.target, JoinerDiscerner):
            return self.target.matches(ident)
        return True


def _rank(entry: JoinerEntry) -> int:
    # OpenThread prefers an EUI-64 entry, then the longest discerner, then "*".
    if isinstance(entry.target, bytes):
        return 100
    if isinstance(entry.target, JoinerDiscerner):
        return entry.target.bit_length
    return 0


class Commissioner:
    """A node's commissioner; it is also the target a joiner's DTLS session reaches."""

    def __init__(self, node: VirtualNode) -> None:
        self._node = node
        self.state = CommissionerState.DISABLED
        self.commissioner_id = DEFAULT_COMMISSIONER_ID
        self.session_id = 0
        self._entries: list[JoinerEntry | None] = [None] * MAX_JOINER_ENTRIES
        self._petition: Timer | None = None

    # -- CLI operations -------------------------------------------------------------

    def start(self) -> None:
        """Petition the leader; `Commissioner: active` follows asynchronously."""
        if self.state is not CommissionerState.DISABLED:
            raise CliError(OtError.ALREADY)
        if not self._node.is_attached:
            raise CliError(OtError.INVALID_STATE)
        self._set_state(CommissionerState.PETITIONING, now=True)
        timing = self._node.timing
        self._petition = self._node.clock.call_later(timing.petition_delay, self._accepted)

    def _accepted(self) -> None:
        self._petition = None
        partition = self._node.partition
        if partition is None:
            self._set_state(CommissionerState.DISABLED)
            return
        self.session_id = partition.petition(self._node.rloc16)
        self._set_state(CommissionerState.ACTIVE)

    def stop(self) -> None:
        """Resign; joiner entries go without a word, as OpenThread's do."""
        if self.state is CommissionerState.DISABLED:
            raise CliError(OtError.ALREADY)
        self.shutdown()

    def shutdown(self, *, quiet: bool = False) -> None:
        """Stop whatever the state (the node detached or stopped; `quiet` on a reset)."""
        if self.state is CommissionerState.DISABLED:
            return
        if self._petition is not None:
            self._petition.cancel()
            self._petition = None
        for index, entry in enumerate(self._entries):
            if entry is not None and entry.timer is not None:
                entry.timer.cancel()
            self._entries[index] = None
        partition = self._node.partition
        if partition is not None and self.state is CommissionerState.ACTIVE:
            partition.resign()
        if quiet:
            self.state = CommissionerState.DISABLED
        else:
            self._set_state(CommissionerState.DISABLED, now=True)

    def set_id(self, name: str) -> None:
        """Set the commissioner ID; only while disabled."""
        if len(name.encode()) > MAX_COMMISSIONER_ID_LENGTH:
            raise CliError(OtError.INVALID_ARGS)
        if self.state is not CommissionerState.DISABLED:
            raise CliError(OtError.INVALID_STATE)
        self.commissioner_id = name

    def add_joiner(self, target: JoinerTarget, pskd: str, timeout: int) -> None:
        """Arm a joiner entry (or re-arm the existing one for the same target)."""
        if self.state is not CommissionerState.ACTIVE:
            raise CliError(OtError.INVALID_STATE)
        index = self._find(target)
        if index is None:
            index = next((i for i, e in enumerate(self._entries) if e is None), None)
        if index is None:
            raise CliError(OtError.NO_BUFS)
        try:
            check_pskd(pskd)
        except RuleError:
            raise CliError(OtError.INVALID_ARGS) from None
        old = self._entries[index]
        if old is not None and old.timer is not None:
            old.timer.cancel()
        entry = JoinerEntry(target, pskd, self._node.clock.monotonic() + timeout)
        self._entries[index] = entry
        self._arm(entry, timeout)
        self._publish()

    def remove_joiner(self, target: JoinerTarget) -> None:
        """Remove an entry now; prints `Commissioner: Joiner remove <id>`."""
        if self.state is not CommissionerState.ACTIVE:
            raise CliError(OtError.INVALID_STATE)
        index = self._find(target)
        if index is None:
            raise CliError(OtError.NOT_FOUND)
        self._remove(index)

    def table_lines(self) -> list[str]:
        """Return `commissioner joiner table` rows, expiration in milliseconds left."""
        now = self._node.clock.monotonic()
        lines = [
            "| ID                    | PSKd                             | Expiration |",
            "+-----------------------+----------------------------------+------------+",
        ]
        for entry in self.entries:
            left = max(0, math.floor((entry.expires_at - now) * 1000 + 1e-6))
            lines.append(f"| {entry.table_id:>21} | {entry.pskd:>32} | {left:>10} |")
        return lines

    @property
    def entries(self) -> list[JoinerEntry]:
        """Return the armed entries in table order."""
        return [e for e in self._entries if e is not None]

    # -- the joiner's side of a join --------------------------------------------------

    def admits(self, key: bytes | JoinerDiscerner) -> bool:
        """Tell whether the published steering data lets a joiner (ID or discerner) try."""
        partition = self._node.partition
        if self.state is not CommissionerState.ACTIVE or partition is None:
            return False
        data = partition.steering_data
        return data is not None and steering_data_contains(data, key)

    def pskd_for(self, ident: bytes) -> str | None:
        """Return the PSKd of the entry that best matches the joiner ID, if any."""
        entry = self._best(ident)
        return None if entry is None else entry.pskd

    def joiner_event(self, event: str, ident: bytes) -> None:
        """Print one `Commissioner: Joiner <event> <id>` line."""
        if self.state is CommissionerState.ACTIVE:
            self._node.print_async(f"Commissioner: Joiner {event} {ident.hex()}")

    def joined(self, ident: bytes) -> None:
        """Keep a joined EUI-64 or discerner entry 20 more seconds, then drop it."""
        entry = self._best(ident)
        if entry is None or isinstance(entry.target, Wildcard):
            return
        if entry.timer is not None:
            entry.timer.cancel()
        delay = self._node.timing.joiner_remove_delay
        entry.expires_at = self._node.clock.monotonic() + delay
        self._arm(entry, delay)

    def credentials(self) -> Dataset | None:
        """Return the active dataset a joiner is entrusted with."""
        partition = self._node.partition
        return None if partition is None else partition.dataset

    @property
    def rssi(self) -> int:
        """Return the signal strength a joiner hears this commissioner's network at."""
        return self._node.world.node_rssi

    # -- internals ----------------------------------------------------------------

    def _set_state(self, state: CommissionerState, *, now: bool = False) -> None:
        self.state = state
        line = f"Commissioner: {state.value}"
        if now:
            self._node.print_line(line)
        else:
            self._node.print_async(line)

    def _find(self, target: JoinerTarget) -> int | None:
        for index, entry in enumerate(self._entries):
            if entry is not None and entry.target == target:
                return index
        return None

    def _best(self, ident: bytes) -> JoinerEntry | None:
        matching = [e for e in self.entries if e.matches(ident)]
        return max(matching, key=_rank, default=None)

    def _arm(self, entry: JoinerEntry, delay: float) -> None:
        def expire() -> None:
            index = next((i for i, e in enumerate(self._entries) if e is entry), None)
            if index is not None:
                self._remove(index, asynchronous=True)

        entry.timer = self._node.clock.call_later(delay, expire)

    def _remove(self, index: int, *, asynchronous: bool = False) -> None:
        entry = self._entries[index]
        assert entry is not None
        if entry.timer is not None:
            entry.timer.cancel()
        self._entries[index] = None
        line = f"Commissioner: Joiner remove {entry.event_id}"
        if asynchronous:
            self._node.print_async(line)
        else:
            self._node.print_line(line)
        self._publish()

    def _publish(self) -> None:
        partition = self._node.partition
        if partition is None:
            return
        partition.set_steering_data(steering_data(e.steering_key for e in self.entries))
