"""Configuration export and import: a document of sections, applied all or nothing.

The sections of the document (`ui_cfg`, `otbr_cfg`, ...) that one part of the device
holds are one `ConfigSection` (the uplinks hold six, whose rules span sections): it
exports its part, checks an imported part (naming a bad field by its path, such as
`otbr_cfg.channel`), stores it within the import's one transaction, and then applies it
to the radio or the platform. If applying fails, every section's previous state is
stored back and applied again, so a failed import leaves the device as it was.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from s20.errors import InvalidParams, OperationFailed, S20Error
from s20.store import Database, Transaction

from ._fields import Fields

__all__ = ["CFG_VER", "SECRET_FIELDS", "ConfigSection", "ConfigTransfer", "secret_values"]

log = logging.getLogger(__name__)

CFG_VER = 1
# Fields of the document that hold secrets: exported (the document is a backup), never logged.
SECRET_FIELDS = frozenset({"passphrase", "nwk_key", "password", "pwd"})


class ConfigSection(Protocol):
    """Sections of the configuration document that one part of the device holds."""

    @property
    def names(self) -> tuple[str, ...]:
        """Return the document's sections this part holds, in the document's order."""

    def export(self) -> dict[str, Any]:
        """Return each of `names` as the document has it."""

    def validate(self, document: Fields) -> Any:
        """Check those of `names` that `document` has; return what `store` takes.

        A section the document leaves out keeps its current value. Changes nothing.
        """

    def snapshot(self) -> Any:
        """Return the current state, for `restore` should the import fail."""

    def store(self, tx: Transaction, value: Any) -> None:
        """Store a checked value (or a snapshot) within the import's transaction."""

    async def apply(self) -> None:
        """Bring the radio or the platform to what is stored."""


def secret_values(document: dict[str, Any]) -> list[str]:
    """Return every secret string in an exported document, at any depth."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SECRET_FIELDS and isinstance(value, str) and value:
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(document)
    return found


class ConfigTransfer:
    """Exports and imports the document over the device's sections."""

    def __init__(self, db: Database, sections: Sequence[ConfigSection]) -> None:
        self._db = db
        self._sections = sections

    def export(self) -> dict[str, Any]:
        """Answer `/sys/export_sys_config`."""
        document: dict[str, Any] = {"cfg_ver": CFG_VER}
        for section in self._sections:
            document.update(section.export())
        return document

    async def import_config(self, document: dict[str, Any]) -> None:
        """Check the whole document, then store and apply it; on any failure change nothing.

        A section the document leaves out is kept as it is.
        """
        fields = Fields(document, "")
        if fields.raw("cfg_ver") != CFG_VER or isinstance(fields.raw("cfg_ver"), bool):
            raise InvalidParams(f"cfg_ver must be {CFG_VER}")
        checked = [
            (section, section.validate(fields))
            for section in self._sections
            if any(fields.has(name) for name in section.names)
        ]
        before = [(section, section.snapshot()) for section, _ in checked]
        self._store(checked)
        try:
            await self._apply(section for section, _ in checked)
        except S20Error as exc:
            log.warning("configuration import failed while applying; restoring: %s", exc)
            self._store(before)
            with contextlib.suppress(S20Error):
                await self._apply(section for section, _ in before)
            raise OperationFailed(f"import failed, nothing changed: {exc.err_msg}") from None
        names = [name for section, _ in checked for name in section.names if fields.has(name)]
        log.info("configuration imported: %s", ", ".join(names) or "nothing")

    def _store(self, values: Iterable[tuple[ConfigSection, Any]]) -> None:
        with self._db.transaction() as tx:
            for section, value in values:
                section.store(tx, value)

    @staticmethod
    async def _apply(sections: Iterable[ConfigSection]) -> None:
        for section in sections:
            await section.apply()
