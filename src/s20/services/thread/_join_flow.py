"""The flow that joins this device into another Thread network (`/otbr/join`)."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace
from typing import Any

from s20.errors import Busy, InvalidParams
from s20.otcli import DeviceRole, JoinResult, RadioError
from s20.thread import (
    Dataset,
    Timestamp,
    check_channel,
    check_network_key,
    check_pan_id,
    check_pskd,
)

from ._config import checked
from ._core import ThreadCore
from ._failures import radio_errors
from ._join import JoinRequest

__all__ = ["JoinFlow"]

log = logging.getLogger(__name__)

# An OpenThread joiner reports `Join success|failed` within about 10 s (the recordings
# tests/fixtures/otcli/06_commissioning_success and 07_commissioning_failures); past this
# the line was lost and the attempt is ended as failed.
JOIN_PATIENCE = 90.0


class JoinFlow(ThreadCore):
    """Joining another network, by network key (attach) or by PSKd (MeshCoP joiner)."""

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
