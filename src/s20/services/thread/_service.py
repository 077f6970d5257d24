"""The border router's Thread side: the stored network brought to the radio, and kept there."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any

from s20.clock import Clock, Timer
from s20.errors import Busy, InvalidParams, InvalidState, OperationFailed
from s20.otcli import (
    BbrState,
    CommissionerJoinerEvent,
    CommissionerState,
    CommissionerStateChanged,
    DeviceRole,
    JoinResult,
    OtCliError,
    OtErrorCode,
    Radio,
    RadioError,
    RadioEvent,
)
from s20.otcli import JoinerEntry as RadioJoinerEntry
from s20.store import Database
from s20.thread import (
    Dataset,
    Timestamp,
    check_channel,
    check_network_key,
    check_pan_id,
    check_pskd,
    check_tx_power,
)

from ._commissioner import JoinerManager
from ._config import ConfigChange, ThreadConfig, checked, moved_on
from ._failures import radio_errors
from ._join import JoinAttempt, JoinRequest
from ._otbr_radio import NodeInfo, RadioExtras
from ._pending import PendingWatch
from ._scan import Scanner
from ._shared import RecentRead
from ._status import StatusReader, network_fields

__all__ = ["DatasetChange", "ThreadService"]

log = logging.getLogger(__name__)

ATTACH_POLL = 1.0  # seconds between `state` polls while waiting to attach
ATTACH_PATIENCE = 300.0  # how long a started network is watched for attaching
# An OpenThread joiner reports `Join success|failed` within about 10 s (transcripts 06,
# 07); past this the line was lost and the attempt is ended as failed.
JOIN_PATIENCE = 90.0
_UNSUPPORTED = frozenset({OtErrorCode.INVALID_COMMAND, OtErrorCode.NOT_IMPLEMENTED})

# Builds a new dataset (hex TLVs) from the one in place; raises InvalidParams if it cannot.
DatasetChange = Callable[[str], str]


def _nothing() -> None:
    return None


class ThreadService:
    """Owns the Thread configuration and drives the radio to match it.

    The database holds the wanted state (dataset, passphrase, Thread on/off, TX power,
    commissioner, BBR, joiner table); `start()` brings the radio there, and every
    change is checked whole, applied to the radio, and only then stored.
    """

    def __init__(self, db: Database, clock: Clock, radio: Radio, mac: str) -> None:
        self._db = db
        self._clock = clock
        self._radio = radio
        self._mac = mac
        self._lock = asyncio.Lock()
        self._scanner = Scanner(radio)
        self._reader: StatusReader | None = None
        self._summary: RecentRead[tuple[DeviceRole, CommissionerState]] = RecentRead(clock)
        self._tasks: set[asyncio.Task[None]] = set()
        self._attach_task: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] = _nothing
        self.joiners = JoinerManager(db, clock, radio)
        self.join_attempt = JoinAttempt()
        self._join_watchdog: Timer | None = None
        self._stored = ThreadConfig.load(db)
        self._config = self._stored or ThreadConfig.fresh(mac, clock.time())

    async def _first_config(self, adopt: bool) -> ThreadConfig:
        """Choose the state of a device with nothing stored, and store it.

        A radio that already runs a network (otbr-agent on a border router that s20d
        joins later) is adopted as it is, rather than overwritten; a blank radio, or any
        radio after a factory reset, gets the fresh default network with Thread off.
        """
        config = self._config
        existing = await self._radio.active_dataset_hex() if adopt else None
        if existing:
            role = await self._radio.state()
            config = ThreadConfig(
                dataset=existing,
                passphrase="",
                enabled=role != DeviceRole.DISABLED,
                txpower=await self._radio.txpower(),
            )
            log.info("adopting the Thread network the radio already has")
        config.save(self._db)
        return config

    @property
    def config(self) -> ThreadConfig:
        """Return the stored configuration."""
        return self._config

    # -- lifecycle --------------------------------------------------------------------

    async def start(self, *, adopt: bool = True) -> None:
        """Bring the radio to the stored state and follow its events.

        With nothing stored yet, `adopt` takes over a network the radio already runs.
        A start that fails leaves nothing behind: no radio listeners, no tasks.
        """
        unsubscribe = self._radio.subscribe(self._on_event)
        unreconnect = self._radio.on_reconnect(lambda: self._spawn(self._resync()))

        def unsubscribe_all() -> None:
            unsubscribe()
            unreconnect()

        self._unsubscribe = unsubscribe_all
        try:
            with radio_errors("bringing up the Thread radio"):
                if self._stored is None:
                    self._config = self._stored = await self._first_config(adopt)
                versions, eui64 = await self._radio.versions(), await self._radio.eui64()
                self._reader = StatusReader(self._radio, versions, eui64, self._clock)
                await self._bring_up()
        except BaseException:
            await self.stop()
            raise
        log.info("thread: %s", "on" if self._config.enabled else "off")

    async def _resync(self) -> None:
        """After the CLI session was lost (otbr-agent restarted?), restore the stored state."""
        log.info("thread radio reconnected: restoring the stored state")
        self.joiners.commissioner_inactive(forget=False)
        async with self._exclusive("restoring the radio state"):
            await self._bring_up()

    async def _bring_up(self) -> None:
        """Make the radio match the stored configuration, whatever state it is in.

        The radio need not be as this device left it: otbr-agent turns its backbone
        router on by itself when it starts, and another CLI client may have started a
        commissioner or changed the TX power or the dataset. Functions the configuration
        does not want are turned off here; those it wants come back once the network is
        attached (`_after_attach`).
        """
        if not self._config.commissioner and (
            await self._radio.commissioner_state() != CommissionerState.DISABLED
        ):
            await self._radio.commissioner_stop()
        if not self._config.bbr and await self._bbr_running():
            await self._radio.bbr_disable()
        await self._radio.set_txpower(self._config.txpower)
        role = await self._radio.state()
        current = await self._radio.active_dataset_hex()
        if role >= DeviceRole.CHILD and moved_on(current, self._config.active):
            # The network changed its dataset while we were away: it is the truth.
            self._store(dataset=current)
        if self._config.dataset and current != self._config.dataset:
            if role != DeviceRole.DISABLED:
                await self._radio.thread_stop()
                role = DeviceRole.DISABLED
            await self._radio.set_active_dataset(self._config.dataset)
        if self._config.enabled and role == DeviceRole.DISABLED:
            await self._thread_up()
        elif self._config.enabled:
            self._watch_attach()
        elif role != DeviceRole.DISABLED:
            await self._thread_down()
        # A pending dataset set before a restart still counts down in the radio: watch it,
        # so the stored configuration follows when it becomes the active one. A radio that
        # cannot show one is no reason to fail the start.
        with contextlib.suppress(OtCliError):
            if pending := await self._extras.pending_dataset_hex():
                self._pending_watch.arm(pending)

    async def stop(self) -> None:
        """Stop following the radio (the radio keeps running, as hardware would)."""
        self._unsubscribe()
        if self._reader is not None:
            self._reader.close()
        self._summary.close()
        self._pending_watch.cancel()
        if self._join_watchdog is not None:
            self._join_watchdog.cancel()
        self.joiners.commissioner_inactive(forget=False)  # a restart resumes the countdowns
        tasks = [*self._tasks, *([self._attach_task] if self._attach_task else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def factory_reset(self) -> None:
        """Turn the radio's functions off (the database is erased elsewhere)."""
        for step in (self._radio.commissioner_stop, self._radio.bbr_disable, self._thread_down):
            with contextlib.suppress(RadioError):
                await step()

    def _spawn(self, coro: Awaitable[None]) -> None:
        async def run() -> None:
            try:
                await coro
            except (RadioError, OperationFailed) as exc:
                log.warning("thread background step failed: %s", exc)

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- radio steps ---------------------------------------------------------------------

    async def _thread_up(self) -> None:
        await self._radio.ifconfig_up()
        await self._radio.thread_start()
        self._watch_attach()

    async def _thread_down(self) -> None:
        if self._attach_task is not None:
            self._attach_task.cancel()
        self.joiners.commissioner_inactive()
        await self._radio.thread_stop()
        await self._radio.ifconfig_down()

    def _watch_attach(self) -> None:
        """Once attached, bring back the commissioner and BBR that the config wants."""
        if self._attach_task is not None:
            self._attach_task.cancel()
        self._attach_task = asyncio.get_running_loop().create_task(self._after_attach())

    async def _after_attach(self) -> None:
        waited = 0.0
        try:
            while await self._radio.state() < DeviceRole.CHILD:
                if waited >= ATTACH_PATIENCE:
                    log.warning("thread did not attach within %.0f s", ATTACH_PATIENCE)
                    return
                await self._clock.sleep(ATTACH_POLL)
                waited += ATTACH_POLL
            await self._adopt_network_dataset()
            if self._config.commissioner:
                await self._commissioner_start()
            if self._config.bbr:
                await self._radio.bbr_enable()
        except RadioError as exc:
            log.warning("restoring commissioner/BBR after attach failed: %s", exc)

    async def _adopt_network_dataset(self) -> None:
        """Keep what the network decided: an attached node takes its leader's dataset."""
        async with self._lock:
            current = await self._radio.active_dataset_hex()
            if not current or current == self._config.dataset:
                return
            self._store(dataset=current)
        log.info("stored the active dataset the Thread network handed over")

    async def _commissioner_start(self) -> None:
        try:
            await self._radio.commissioner_start()
        except OtCliError as exc:
            if exc.code != OtErrorCode.ALREADY:
                raise
            if await self._radio.commissioner_state() == CommissionerState.ACTIVE:
                await self.joiners.commissioner_active()

    async def _apply(self, new: ThreadConfig) -> None:
        """Put a new dataset on the radio (restarting Thread if on), then store it."""
        was_up = await self._radio.state() != DeviceRole.DISABLED
        try:
            if was_up:
                await self._thread_down()
            await self._radio.set_active_dataset(new.dataset)
            if new.enabled:
                await self._thread_up()
        except RadioError:
            await self._restore(was_up)
            raise
        new.save(self._db)
        self._config = new

    async def _restore(self, was_up: bool) -> None:
        with contextlib.suppress(RadioError):
            await self._radio.set_active_dataset(self._config.dataset)
            if was_up:
                await self._thread_up()

    @contextlib.asynccontextmanager
    async def _exclusive(self, what: str) -> AsyncIterator[None]:
        async with self._lock:
            try:
                with radio_errors(what):
                    yield
            finally:
                # A status read begun before this change must not answer after it.
                if self._reader is not None:
                    self._reader.invalidate()
                self._summary.invalidate()

    # -- the API --------------------------------------------------------------------------

    async def get_status(self) -> Mapping[str, Any]:
        """Answer `/otbr/get_status` from a radio read under 1 s old, begun after any change."""
        assert self._reader is not None, "start() first"
        with radio_errors("reading the Thread status"):
            return await self._reader.status(self._config.passphrase)

    async def role(self) -> DeviceRole:
        """Return the radio's current role (concurrent callers share one read)."""
        return (await self.summary())[0]

    async def summary(self) -> tuple[DeviceRole, int]:
        """Return the role and the commissioner state (1 active), read under 1 s ago."""

        async def read() -> tuple[DeviceRole, CommissionerState]:
            return await self._radio.state(), await self._radio.commissioner_state()

        with radio_errors("reading the Thread role and commissioner state"):
            role, commissioner = await self._summary.get(read)
        return role, int(commissioner == CommissionerState.ACTIVE)

    async def set_config(self, change: ConfigChange) -> None:
        """Check every given field, then apply them as one new active dataset.

        The new dataset is made from the stored one under the lock, so concurrent
        changes are applied one after the other, each on top of the last.
        """
        fields = change.checked()
        async with self._exclusive("set_config"):
            new = self._config.changed(fields)
            if new is not self._config:
                await self._apply(new)

    async def generate_network(self) -> dict[str, Any]:
        """Make a new random network; restart Thread on it if it was on."""
        async with self._exclusive("generate_thread_network"):
            await self._apply(self._config.regenerated(self._mac, self._clock.time()))
        return network_fields(self._config.active, self._config.passphrase)

    async def start_thread(self) -> None:
        """Turn Thread on (it attaches as leader of its network, or to the network in range)."""
        async with self._exclusive("start"):
            if await self._radio.state() == DeviceRole.DISABLED:
                await self._thread_up()
            self._store(enabled=True)
        log.info("thread started")

    async def stop_thread(self) -> None:
        """Turn Thread off."""
        async with self._exclusive("stop"):
            await self._thread_down()
            self._store(enabled=False)
        log.info("thread stopped")

    async def reload(self) -> None:
        """Bring the radio to the configuration stored by someone else (an import)."""
        async with self._exclusive("applying the stored Thread configuration"):
            previous, stored = self._config, ThreadConfig.load(self._db)
            self._config = stored or previous
            if previous.bbr and not self._config.bbr:
                with contextlib.suppress(OtCliError):
                    await self._radio.bbr_disable()
            await self._bring_up()

    async def set_txpower(self, dbm: int) -> None:
        """Set the transmit power."""
        value = checked("TXPower", check_tx_power, dbm)
        async with self._exclusive("set_txpower"):
            await self._radio.set_txpower(value)
            self._store(txpower=value)

    def _store(self, **changes: Any) -> None:
        new = replace(self._config, **changes)
        new.save(self._db)
        self._config = new

    async def _require_attached(self, what: str) -> None:
        if await self._radio.state() < DeviceRole.CHILD:
            raise InvalidState(f"{what} needs an attached Thread network: start Thread first")

    async def set_commissioning(self, enable: bool) -> None:
        """Turn the commissioner on (needs an attached network) or off."""
        async with self._exclusive("set_commissioning"):
            if enable:
                await self._require_attached("the commissioner")
                await self._commissioner_start()
            else:
                self.joiners.commissioner_inactive()
                with contextlib.suppress(OtCliError):
                    await self._radio.commissioner_stop()
            self._store(commissioner=enable)

    async def commissioner_state(self) -> int:
        """Return 1 while the commissioner is active, else 0 (callers share one read)."""
        return (await self.summary())[1]

    async def bbr_state(self) -> int:
        """Return 1 while this device is a (primary or secondary) backbone router, else 0."""
        with radio_errors("reading the BBR state"):
            return int(await self._bbr_running())

    async def _bbr_running(self) -> bool:
        """Tell whether the radio's backbone router is on (never, on a radio without one)."""
        try:
            state = await self._radio.bbr_state()
        except OtCliError as exc:
            if exc.code in _UNSUPPORTED:
                return False
            raise
        return state != BbrState.DISABLED

    async def set_bbr(self, enable: bool) -> None:
        """Turn the backbone router function on (needs an attached network) or off."""
        async with self._exclusive("enable_bbr" if enable else "disable_bbr"):
            if enable:
                await self._require_attached("the backbone router")
            try:
                await (self._radio.bbr_enable() if enable else self._radio.bbr_disable())
            except OtCliError as exc:
                if exc.code not in _UNSUPPORTED:
                    raise
                if enable:
                    raise OperationFailed(
                        "this Thread radio does not support the backbone router (bbr)"
                    ) from None
            self._store(bbr=enable)

    async def scan(self) -> list[dict[str, Any]]:
        """Discover the Thread networks in range (about 5 s); -32011 if one is running."""
        return await self._scanner.scan()

    # -- joining another network ---------------------------------------------------------

    async def join(self, request: JoinRequest) -> None:
        """Start joining by network key (attach) or by PSKd (MeshCoP joiner).

        Every field given is checked, also one that this credential type does not use: a
        known field out of range is an error, never silently ignored.
        """
        if request.credential_type not in ("networkKeyType", "pskdType"):
            raise InvalidParams('CredentialType must be "networkKeyType" or "pskdType"')
        for field, rule, value in (
            ("NetworkKey", check_network_key, request.network_key),
            ("PSKd", check_pskd, request.pskd),
            ("Channel", check_channel, request.channel),
            ("PanId", check_pan_id, request.pan_id),
        ):
            if value is not None:
                checked(field, rule, value)
        if request.credential_type == "networkKeyType":
            await self._join_with_key(request)
        else:
            await self._join_with_pskd(request)

    async def _join_with_key(self, request: JoinRequest) -> None:
        key = checked("NetworkKey", check_network_key, request.require("NetworkKey"))
        channel = checked("Channel", check_channel, request.require("Channel"))
        pan_id = checked("PanId", check_pan_id, request.require("PanId"))
        # Only what attaching needs, with the oldest timestamp: once attached, the node
        # takes the rest of the dataset from the network's leader (and we store it).
        dataset = Dataset(
            active_timestamp=Timestamp(0), network_key=key, channel=channel, pan_id=pan_id
        )
        async with self._exclusive("join"):
            await self._apply(
                self._config.with_dataset(
                    dataset, passphrase="", enabled=True, commissioner=False, bbr=False
                )
            )

    async def _join_with_pskd(self, request: JoinRequest) -> None:
        pskd = checked("PSKd", check_pskd, request.require("PSKd"))
        async with self._exclusive("join"):
            # Checked under the lock: a join that waited for another to start is refused
            # here, before it touches the radio the running attempt is using.
            if self.join_attempt.running:
                raise Busy("a join is already running")
            was_enabled = self._config.enabled
            if await self._radio.state() != DeviceRole.DISABLED:
                await self._thread_down()
            await self._radio.ifconfig_up()
            try:
                await self._radio.joiner_start(pskd)
            except RadioError:
                if was_enabled:
                    await self._thread_up()
                raise
            self.join_attempt.begin(was_enabled)
            self._join_watchdog = self._clock.call_later(
                JOIN_PATIENCE, lambda: self._spawn(self._join_lost())
            )

    async def _join_lost(self) -> None:
        """End an attempt whose result line never came (the CLI session dropped, say)."""
        if self.join_attempt.running:
            log.warning("no join result within %.0f s; giving up", JOIN_PATIENCE)
            with contextlib.suppress(RadioError):
                await self._radio.joiner_stop()
            await self._joined(JoinResult(success=False, reason="NoResponse"))

    async def join_status(self) -> dict[str, Any]:
        """Report the join attempt: 0 idle .. 5 joined, 6 failed with `fail_msg`."""
        if self.join_attempt.running:
            with radio_errors("reading the joiner state"):
                state = await self._radio.joiner_state()
            # The result line may have ended the attempt while the state was read.
            if self.join_attempt.running:
                self.join_attempt.step(state)
        status, fail_msg = self.join_attempt.status
        return {"status": status, "fail_msg": fail_msg}

    async def _joined(self, result: JoinResult) -> None:
        async with self._exclusive("join"):
            if not self.join_attempt.running:
                return  # a late line after the watchdog gave up
            if self._join_watchdog is not None:
                self._join_watchdog.cancel()
            if not result.success:
                self.join_attempt.fail(result.reason or "Failed")
                if self.join_attempt.restore_thread:
                    await self._thread_up()
                else:
                    await self._radio.ifconfig_down()
                return
            await self._radio.thread_start()
            dataset = await self._radio.active_dataset_hex()
            if dataset:
                self._config = replace(
                    self._config,
                    dataset=dataset,
                    passphrase="",
                    enabled=True,
                    commissioner=False,
                    bbr=False,
                )
                self._config.save(self._db)
            self.join_attempt.succeed()
            self._watch_attach()
        log.info("joined a Thread network with PSKd")

    # -- radio events ---------------------------------------------------------------------

    def _on_event(self, event: RadioEvent) -> None:
        if isinstance(event, CommissionerJoinerEvent):
            self.joiners.on_event(event)
        elif isinstance(event, CommissionerStateChanged):
            self._summary.invalidate()
            if event.state == CommissionerState.ACTIVE:
                self._spawn(self.joiners.commissioner_active())
            elif event.state == CommissionerState.DISABLED:
                self.joiners.commissioner_inactive(forget=False)
        elif isinstance(event, JoinResult) and self.join_attempt.running:
            self._spawn(self._joined(event))

    # -- the OTBR REST API (otbr-agent's, as Home Assistant uses it) ----------------------
    # Each change takes the lock for its whole read-modify-write, like the S20 API's.

    @functools.cached_property
    def _extras(self) -> RadioExtras:
        return RadioExtras(self._radio)

    @functools.cached_property
    def _pending_watch(self) -> PendingWatch:
        return PendingWatch(self._clock, lambda: self._spawn(self._adopt_applied_pending()))

    async def node_info(self) -> NodeInfo:
        """Read what otbr-agent's `/node` shows."""
        with radio_errors("reading the node"):
            return await self._extras.node_info()

    async def coprocessor_version(self) -> str:
        """Return the radio co-processor's version (the node's own on a single chip)."""
        with radio_errors("reading the coprocessor version"):
            versions = await self._radio.versions()
        return versions.rcp or versions.version

    async def active_dataset_tlvs(self) -> str | None:
        """Return the radio's active dataset as hex TLVs, or None if it has none."""
        with radio_errors("reading the active dataset"):
            return await self._radio.active_dataset_hex()

    async def pending_dataset_tlvs(self) -> str | None:
        """Return the radio's pending dataset (delay as it stands), or None."""
        with radio_errors("reading the pending dataset"):
            return await self._extras.pending_dataset_hex()

    async def update_active_dataset(self, change: DatasetChange) -> bool:
        """Replace the active dataset with `change(current)`; only while Thread is disabled.

        Without an active dataset, `change` builds on a new random network from the
        radio, as otbr-agent does. The passphrase of a dataset given this way is
        unknown (""). Return True if there was no active dataset before.
        """
        async with self._exclusive("setting the active dataset"):
            if await self._radio.state() != DeviceRole.DISABLED:
                raise InvalidState("the active dataset can only be replaced while Thread is off")
            current = await self._radio.active_dataset_hex()
            new = change(current or await self._extras.new_network_hex())
            await self._radio.set_active_dataset(new)
            self._store(dataset=new, passphrase="")
        return current is None

    async def update_pending_dataset(self, change: DatasetChange) -> bool:
        """Replace the pending dataset with `change(current)`; its delay starts counting.

        When the delay runs out the radio makes it the active dataset, and the stored
        configuration follows. Return True if there was no pending dataset before.
        """
        async with self._exclusive("setting the pending dataset"):
            current = await self._extras.pending_dataset_hex()
            new = change(current or await self._extras.new_network_hex())
            await self._extras.set_pending_dataset(new)
            self._pending_watch.arm(new)
        return current is None

    async def _adopt_applied_pending(self) -> None:
        async with self._exclusive("storing the applied pending dataset"):
            current = await self._radio.active_dataset_hex()
            if not current or current == self._config.dataset:
                return
            old, new = self._config.active, Dataset.from_tlvs(current)
            # A channel change keeps the network's credentials, and with them the passphrase.
            passphrase = self._config.passphrase if new.pskc == old.pskc else ""
            self._store(dataset=current, passphrase=passphrase)
        log.info("stored the active dataset that the pending dataset became")

    async def commissioner_joiners(self) -> list[RadioJoinerEntry]:
        """Return the radio commissioner's joiner entries (none while it is inactive)."""
        with radio_errors("reading the commissioner's joiners"):
            try:
                return await self._radio.commissioner_joiner_table()
            except OtCliError as exc:
                if exc.code == OtErrorCode.INVALID_STATE:
                    return []
                raise

    async def set_enabled(self, enable: bool) -> None:
        """Turn Thread on or off (`PUT /node/state`)."""
        await (self.start_thread() if enable else self.stop_thread())

    async def reset_thread(self) -> None:
        """Erase the Thread side only: Thread off, no datasets, a new border agent ID.

        The radio gets OpenThread's factory parameters, which drops its active and
        pending datasets, as otbr-agent's `DELETE /node` leaves it.
        """
        async with self._exclusive("resetting the Thread side"):
            self._pending_watch.cancel()
            for step in (self._radio.commissioner_stop, self._radio.bbr_disable):
                with contextlib.suppress(OtCliError):
                    await step()
            await self._thread_down()
            await self._extras.restore_factory_network(secrets.token_bytes(16))
            with contextlib.suppress(OtCliError):  # a radio without `ba id` keeps its ID
                await self._extras.set_border_agent_id(secrets.token_bytes(16))
            self._store(dataset="", passphrase="", enabled=False, commissioner=False, bbr=False)
