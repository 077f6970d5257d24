"""What the border router keeps about its Thread network, and how a change is checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, TypeVar

from s20.errors import InvalidParams
from s20.store import Database, Transaction
from s20.thread import (
    Dataset,
    DatasetError,
    Timestamp,
    check_channel,
    check_ext_pan_id,
    check_network_key,
    check_network_name,
    check_pan_id,
    check_passphrase,
    generate_network,
    pskc,
)

__all__ = [
    "DEFAULT_CHANNEL",
    "DEFAULT_PASSPHRASE",
    "DEFAULT_TXPOWER",
    "CheckedChange",
    "ConfigChange",
    "ThreadConfig",
    "checked",
    "default_network_name",
    "moved_on",
]

DEFAULT_CHANNEL = 26
DEFAULT_TXPOWER = 6
DEFAULT_PASSPHRASE = "goodlife"  # noqa: S105 - the device's documented default
_KEY = "thread"

T = TypeVar("T")
R = TypeVar("R")


def checked(field: str, rule: Callable[[T], R], value: T) -> R:
    """Apply a rule to a request field; a broken rule is -32602 naming it.

    A rule returns the value (normalized) or raises `ValueError` (such as `s20.thread`'s
    `RuleError`) whose message is the rule in words: "must be ...".
    """
    try:
        return rule(value)
    except ValueError as exc:
        raise InvalidParams(f"{field} {exc}") from None


def default_network_name(mac: str) -> str:
    """Return "GL-S20-" and the MAC's last three hex digits, upper case, as the device does."""
    return "GL-S20-" + mac.replace(":", "")[-3:].upper()


@dataclass(frozen=True)
class ConfigChange:
    """The fields of `/otbr/set_config`; None means "keep"."""

    network_name: str | None = None
    ext_pan_id: str | None = None
    pan_id: int | str | None = None
    passphrase: str | None = None
    network_key: str | None = None
    channel: int | None = None

    def checked(self) -> CheckedChange:
        """Check every given field against its rule; -32602 names the first broken one.

        Checking needs no stored state, so a bad request is refused before it waits
        for (or changes) anything.
        """
        fields: dict[str, Any] = {}
        if self.network_name is not None:
            fields["network_name"] = checked("NetworkName", check_network_name, self.network_name)
        if self.ext_pan_id is not None:
            fields["ext_pan_id"] = checked("ExtPanId", check_ext_pan_id, self.ext_pan_id)
        if self.pan_id is not None:
            fields["pan_id"] = checked("PanId", check_pan_id, self.pan_id)
        if self.network_key is not None:
            fields["network_key"] = checked("NetworkKey", check_network_key, self.network_key)
        if self.channel is not None:
            fields["channel"] = checked("Channel", check_channel, self.channel)
        passphrase = None
        if self.passphrase is not None:
            passphrase = checked("Passphrase", check_passphrase, self.passphrase)
        return CheckedChange(fields, passphrase)


@dataclass(frozen=True)
class CheckedChange:
    """A `ConfigChange` whose fields passed their rules, as dataset field values."""

    dataset_fields: dict[str, Any]
    passphrase: str | None


@dataclass(frozen=True)
class ThreadConfig:
    """The stored Thread state: what the radio is brought to at every start."""

    dataset: str
    passphrase: str
    enabled: bool = False
    txpower: int = DEFAULT_TXPOWER
    commissioner: bool = False
    bbr: bool = False

    @property
    def active(self) -> Dataset:
        """Return the stored active dataset."""
        return Dataset.from_tlvs(self.dataset)

    @classmethod
    def fresh(cls, mac: str, now: float) -> ThreadConfig:
        """Return a fresh device's configuration: a new random network, Thread off."""
        dataset = generate_network(
            default_network_name(mac), DEFAULT_CHANNEL, DEFAULT_PASSPHRASE, now=now
        )
        return cls(dataset=dataset.to_hex(), passphrase=DEFAULT_PASSPHRASE)

    @classmethod
    def load(cls, db: Database) -> ThreadConfig | None:
        """Read the stored configuration, if any."""
        stored: dict[str, Any] | None = db.get(_KEY)
        return None if stored is None else cls(**stored)

    def save(self, db: Database) -> None:
        """Store this configuration (one transaction)."""
        db.put(_KEY, asdict(self))

    def store(self, tx: Transaction) -> None:
        """Store this configuration within a larger transaction."""
        tx.put(_KEY, asdict(self))

    def with_dataset(self, dataset: Dataset, **changes: Any) -> ThreadConfig:
        """Return a copy with a new active dataset (and other changes)."""
        return replace(self, dataset=dataset.to_hex(), **changes)

    def regenerated(self, mac: str, now: float) -> ThreadConfig:
        """Return a new random network keeping channel, TX power and passphrase."""
        current = self.active
        channel = current.channel or DEFAULT_CHANNEL
        passphrase = self.passphrase or DEFAULT_PASSPHRASE
        dataset = generate_network(default_network_name(mac), channel, passphrase, now=now)
        return self.with_dataset(_newer(dataset, current), passphrase=passphrase)

    def changed(self, change: CheckedChange) -> ThreadConfig:
        """Return the configuration with `change` applied on top of this one.

        PSKc is derived again from the passphrase whenever the passphrase, network name
        or extended PAN ID changes. The new active timestamp is one second past this
        configuration's, whatever the wall clock says: a Thread network ignores a dataset
        that is not newer, so changes made within one second must still each be newer.
        """
        passphrase = self.passphrase if change.passphrase is None else change.passphrase
        current = self.active
        dataset = current.replace(**change.dataset_fields)
        if passphrase and dataset.network_name is not None and dataset.ext_pan_id is not None:
            dataset = dataset.replace(
                pskc=pskc(passphrase, dataset.network_name, dataset.ext_pan_id)
            )
        if dataset == current and passphrase == self.passphrase:
            return self
        return self.with_dataset(_newer(dataset, current), passphrase=passphrase)


def moved_on(radio_hex: str | None, stored: Dataset) -> bool:
    """Tell whether the radio holds a newer dataset of the same network than stored."""
    if not radio_hex:
        return False
    try:
        radio = Dataset.from_tlvs(radio_hex)
    except DatasetError:
        return False
    same = radio.network_key == stored.network_key and radio.ext_pan_id == stored.ext_pan_id
    newer = (radio.active_timestamp or Timestamp(0)) > (stored.active_timestamp or Timestamp(0))
    return same and newer


def _newer(dataset: Dataset, current: Dataset) -> Dataset:
    """Give `dataset` an active timestamp later than `current`'s, so nodes adopt it."""
    old = current.active_timestamp or Timestamp(0)
    new = dataset.active_timestamp or Timestamp(0)
    if new.seconds > old.seconds:
        return dataset
    return dataset.replace(active_timestamp=Timestamp(old.seconds + 1))
