"""The `s20d` unit's journal, read with `journalctl -o json`."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess

from s20.drivers.system import LogLine

__all__ = ["Journal", "parse_journal"]

log = logging.getLogger(__name__)

JOURNAL_TIMEOUT = 5.0


def parse_journal(output: str, *, skip_pid: int | None = None) -> list[LogLine]:
    """Return the lines of `journalctl -o json` output (one JSON object a line).

    Lines written by process `skip_pid` are left out.
    """
    lines = []
    for row in output.splitlines():
        try:
            entry = json.loads(row)
            when = int(entry["__REALTIME_TIMESTAMP"]) / 1e6
            message = entry.get("MESSAGE", "")
        except (ValueError, KeyError, TypeError):
            continue
        if skip_pid is not None and entry.get("_PID") == str(skip_pid):
            continue
        if isinstance(message, list):  # journald stores non-UTF-8 text as bytes
            message = bytes(b & 0xFF for b in message if isinstance(b, int)).decode(
                "utf-8", "replace"
            )
        if isinstance(message, str):
            lines.append(LogLine(when, message))
    return lines


class Journal:
    """The journal of one systemd unit (the daemon's own, `s20d`).

    This process's own lines are left out: the device log holds them already. What the
    journal adds is the rest: earlier runs, and the unit's other commands.
    """

    def __init__(self, unit: str = "s20d") -> None:
        self._unit = unit

    def lines(self, limit: int) -> list[LogLine]:
        tool = shutil.which("journalctl")
        if tool is None or limit <= 0:
            return []
        command = [tool, "-u", self._unit, "-o", "json", "-n", str(limit), "--no-pager", "-q"]
        try:
            done = subprocess.run(  # noqa: S603 - a fixed command, no shell
                command, capture_output=True, text=True, timeout=JOURNAL_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("journal: %s", exc)
            return []
        return parse_journal(done.stdout, skip_pid=os.getpid())[-limit:]
