"""The operations that exist for the OTBR REST API (otbr-agent's, as Home Assistant uses it)."""

from __future__ import annotations

import contextlib
import functools
import logging
import secrets
from collections.abc import Awaitable, Callable

from s20.errors import InvalidState
from s20.otcli import DeviceRole, OtCliError, OtErrorCode
from s20.otcli import JoinerEntry as RadioJoinerEntry
from s20.thread import Dataset

from ._core import ThreadCore
from ._failures import radio_errors
from ._otbr_radio import NodeInfo, RadioExtras
from ._pending import PendingWatch

__all__ = ["DatasetChange", "OtbrRestOperations"]

log = logging.getLogger(__name__)

# Builds a new dataset (hex TLVs) from the one in place; raises InvalidParams if it cannot.
DatasetChange = Callable[[str], str]


class OtbrRestOperations(ThreadCore):
    """The node, read and changed as otbr-agent's REST API does.

    Each change takes the lock for its whole read-modify-write, like the S20 API's.
    """

    # Turning Thread on and off is the S20 API's own operation, kept by the service.
    start_thread: Callable[[], Awaitable[None]]
    stop_thread: Callable[[], Awaitable[None]]

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
