"""The border router's Thread side: the stored network brought to the radio, and kept there."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from typing import Any

from s20.errors import InvalidState, OperationFailed
from s20.otcli import (
    BbrState,
    CommissionerJoinerEvent,
    CommissionerState,
    CommissionerStateChanged,
    DeviceRole,
    JoinResult,
    OtCliError,
    OtErrorCode,
    RadioError,
    RadioEvent,
)
from s20.thread import check_tx_power

from ._config import ConfigChange, ThreadConfig, checked, moved_on
from ._failures import radio_errors
from ._join_flow import JoinFlow
from ._otbr_rest import OtbrRestOperations
from ._status import StatusReader, network_fields

__all__ = ["ThreadService"]

log = logging.getLogger(__name__)

_UNSUPPORTED = frozenset({OtErrorCode.INVALID_COMMAND, OtErrorCode.NOT_IMPLEMENTED})


class ThreadService(JoinFlow, OtbrRestOperations):
    """Owns the Thread configuration and drives the radio to match it.

    The database holds the wanted state (dataset, passphrase, Thread on/off, TX power,
    commissioner, BBR, joiner table); `start()` brings the radio there, and every
    change is checked whole, applied to the radio, and only then stored.
    """

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
