"""The sections of the configuration document that the device's own services hold."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from s20.drivers import TimeSettings
from s20.services.auth import LANGUAGES, AuthService
from s20.services.thread import ConfigChange, ThreadConfig, ThreadService
from s20.store import Transaction
from s20.thread import (
    check_channel,
    check_ext_pan_id,
    check_network_key,
    check_network_name,
    check_pan_id,
    check_passphrase,
    check_tx_power,
)

from ._fields import Fields
from ._time import TimeService, check_sntp_server, check_timezone, timezone_text

__all__ = ["OtbrSection", "SntpSection", "UiSection", "on_off"]


def _language(value: object) -> str:
    if value not in LANGUAGES:
        raise ValueError('must be "en" or "zh-cn"')
    return str(value)


class UiSection:
    """`ui_cfg`: the web UI's language."""

    names = ("ui_cfg",)

    def __init__(self, auth: AuthService) -> None:
        self._auth = auth

    def export(self) -> dict[str, Any]:
        return {"ui_cfg": {"language": self._auth.language()}}

    def validate(self, document: Fields) -> str:
        return document.obj("ui_cfg").rule("language", _language)

    def snapshot(self) -> str:
        return self._auth.language()

    def store(self, tx: Transaction, value: str) -> None:
        AuthService.store_language(tx, value)

    async def apply(self) -> None:
        return None  # the web UI reads the language when it loads


class SntpSection:
    """`sntp_cfg`: the SNTP server and the time zone as "UTC+8"."""

    names = ("sntp_cfg",)

    def __init__(self, time: TimeService) -> None:
        self._time = time

    def export(self) -> dict[str, Any]:
        settings = self._time.settings()
        return {
            "sntp_cfg": {"sntp_srv": settings.sntp, "time_zone": timezone_text(settings.timezone)}
        }

    def validate(self, document: Fields) -> TimeSettings:
        fields = document.obj("sntp_cfg")
        return TimeSettings(
            sntp=fields.rule("sntp_srv", check_sntp_server),
            timezone=fields.rule("time_zone", check_timezone),
        )

    def snapshot(self) -> TimeSettings:
        return self._time.settings()

    def store(self, tx: Transaction, value: TimeSettings) -> None:
        TimeService.store(tx, value)

    async def apply(self) -> None:
        self._time.apply()


def on_off(value: object) -> bool:
    """Return a 0-or-1 switch of the document as a boolean."""
    if isinstance(value, bool) or value not in (0, 1):
        raise ValueError("must be 0 or 1")
    return bool(value)


def _passphrase(value: object) -> str:
    # "" is what a device exports when it joined a network without learning its passphrase.
    return "" if value == "" else check_passphrase(value)


@dataclass(frozen=True)
class _Otbr:
    change: ConfigChange
    passphrase: str
    enabled: bool
    txpower: int
    bbr: bool


class OtbrSection:
    """`otbr_cfg`: the Thread network, Thread and BBR on or off, and the TX power."""

    names = ("otbr_cfg",)

    def __init__(self, thread: ThreadService) -> None:
        self._thread = thread

    def export(self) -> dict[str, Any]:
        config = self._thread.config
        active = config.active
        otbr = {
            "nwk_on_off": int(config.enabled),
            "txpower": config.txpower,
            "passphrase": config.passphrase,
            "bbr_on_off": int(config.bbr),
            "channel": active.channel or 0,
            "pan_id": active.pan_id or 0,
            "nwk_key": active.network_key.hex() if active.network_key else "",
            "ext_pan_id": active.ext_pan_id.hex() if active.ext_pan_id else "",
            "nwk_name": active.network_name or "",
        }
        return {"otbr_cfg": otbr}

    def validate(self, document: Fields) -> _Otbr:
        fields = document.obj("otbr_cfg")
        passphrase = fields.rule("passphrase", _passphrase)
        return _Otbr(
            ConfigChange(
                network_name=fields.rule("nwk_name", check_network_name),
                ext_pan_id=fields.rule("ext_pan_id", check_ext_pan_id).hex(),
                pan_id=fields.rule("pan_id", check_pan_id),
                passphrase=passphrase or None,
                network_key=fields.rule("nwk_key", check_network_key).hex(),
                channel=fields.rule("channel", check_channel),
            ),
            passphrase=passphrase,
            enabled=fields.rule("nwk_on_off", on_off),
            txpower=fields.rule("txpower", check_tx_power),
            bbr=fields.rule("bbr_on_off", on_off),
        )

    def snapshot(self) -> ThreadConfig:
        return self._thread.config

    def store(self, tx: Transaction, value: _Otbr | ThreadConfig) -> None:
        if isinstance(value, _Otbr):
            changed = self._thread.config.changed(value.change.checked())
            value = replace(
                changed,
                passphrase=value.passphrase,
                enabled=value.enabled,
                txpower=value.txpower,
                bbr=value.bbr,
            )
        value.store(tx)

    async def apply(self) -> None:
        await self._thread.reload()
