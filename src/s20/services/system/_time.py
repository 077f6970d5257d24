"""Time settings: the SNTP server and the UTC offset, stored and applied by the time driver."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import asdict
from typing import Any

from s20.clock import Clock
from s20.drivers import TimeDriver, TimeSettings
from s20.store import Database, Transaction

from ._fields import Fields

__all__ = [
    "DEFAULT_TIME",
    "ZONE_MAX",
    "ZONE_MIN",
    "TimeService",
    "check_sntp_server",
    "check_timezone",
    "timezone_text",
]

DEFAULT_TIME = TimeSettings(sntp="pool.ntp.org", timezone=0)
ZONE_MIN, ZONE_MAX = -12, 14
_KEY = "time"
_ZONE = re.compile(r"UTC([+-])(\d{1,2})")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_ZONE_RULE = f'must be "UTC-12" .. "UTC+14" (or a number from {ZONE_MIN} to {ZONE_MAX})'


def check_timezone(value: object) -> int:
    """Return the UTC offset in hours of `"UTC+8"`, `"UTC-5"`, `"UTC+0"`, or of 8, -5, 0."""
    if isinstance(value, str):
        match = _ZONE.fullmatch(value)
        if match is None or value == "UTC-0" or match.group(2) != str(int(match.group(2))):
            raise ValueError(_ZONE_RULE)
        value = int(match.group(2)) * (-1 if match.group(1) == "-" else 1)
    if isinstance(value, bool) or not isinstance(value, int) or not ZONE_MIN <= value <= ZONE_MAX:
        raise ValueError(_ZONE_RULE)
    return value


def timezone_text(offset: int) -> str:
    """Write a UTC offset the way the document lists it: "UTC+8", "UTC-5", "UTC+0"."""
    return f"UTC{'-' if offset < 0 else '+'}{abs(offset)}"


def check_sntp_server(value: object) -> str:
    """Return an SNTP server given as a host name, an IPv4 or an IPv6 address."""
    rule = "must be a host name or an IP address"
    if not isinstance(value, str) or not value:
        raise ValueError(rule)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    name = value.removesuffix(".")
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(rule)
    if labels[-1].isdigit():
        raise ValueError(rule)  # 300.1.2.3 is neither an address nor a name
    return value


class TimeService:
    """Keeps the time settings and hands them to the platform's time driver."""

    def __init__(self, db: Database, clock: Clock, driver: TimeDriver) -> None:
        self._db = db
        self._clock = clock
        self._driver = driver

    def settings(self) -> TimeSettings:
        """Return the stored settings (the defaults until some are set)."""
        stored: dict[str, Any] | None = self._db.get(_KEY)
        return DEFAULT_TIME if stored is None else TimeSettings(**stored)

    @staticmethod
    def store(tx: Transaction, settings: TimeSettings) -> None:
        """Store `settings` within a transaction (apply them with `apply()` afterwards)."""
        tx.put(_KEY, asdict(settings))

    def apply(self) -> None:
        """Hand the stored settings to the platform."""
        self._driver.apply(self.settings())

    def get_config(self) -> dict[str, Any]:
        """Answer `/sys/get_time_config`: `localtime` is Unix time shifted by the zone."""
        settings = self.settings()
        localtime = int(self._clock.time()) + settings.timezone * 3600
        return {"sntp": settings.sntp, "timezone": settings.timezone, "localtime": localtime}

    def set_config(self, given: dict[str, Any]) -> None:
        """Check the given fields (`sntp`, `timezone`) together, then store and apply them."""
        fields, current = Fields(given, ""), self.settings()
        new = TimeSettings(
            sntp=fields.rule("sntp", check_sntp_server) if fields.has("sntp") else current.sntp,
            timezone=(
                fields.rule("timezone", check_timezone)
                if fields.has("timezone")
                else current.timezone
            ),
        )
        with self._db.transaction() as tx:
            self.store(tx, new)
            # Inside the transaction: if the platform refuses, nothing is stored either.
            self._driver.apply(new)
