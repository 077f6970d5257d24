"""The device log: the daemon's recent lines in a bounded ring buffer, secrets redacted."""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Iterable, Sequence

from s20.clock import Clock
from s20.drivers import LogLine
from s20.otcli import REDACTED, redact

__all__ = ["LOG_CAPACITY", "DeviceLog", "redact_text"]

LOG_CAPACITY = 2000  # lines kept; the oldest go first
SECRET_MIN = 6  # shorter values (a channel, a flag) are not secrets worth scrubbing
_LOGGER = "s20"

# `password=...`, `"pwd": "..."`, `PSKd: ...`: a named secret and whatever follows it.
_NAMED_SECRET = re.compile(
    r"""(?ix)
    (\b(?:password|passwd|pwd|new_pwd|old_pwd|pskd|pskc|passphrase|network_?key|nwk_key)
    ["']?\s*[:=]\s*["']?)
    [^\s"',}]+
    """
)


def redact_text(text: str) -> str:
    """Hide the secrets a log message may carry: CLI lines with keys, and named secrets."""
    return "\n".join(_NAMED_SECRET.sub(rf"\1{REDACTED}", redact(line)) for line in text.split("\n"))


class DeviceLog(logging.Handler):
    """Keeps the last `capacity` lines the daemon logged at INFO and above.

    Every line is redacted when it is recorded, and `lines()` scrubs the device's current
    secret values once more, so a secret that reached a message some other way (an error
    text from a library, say) is still never shown.
    """

    def __init__(self, clock: Clock, capacity: int = LOG_CAPACITY) -> None:
        super().__init__(logging.INFO)
        self._clock = clock
        self._lines: deque[LogLine] = deque(maxlen=capacity)
        self._logger = logging.getLogger(_LOGGER)
        self._level = self._logger.level

    def attach(self) -> None:
        """Start recording the `s20` loggers, at INFO whatever the console shows."""
        self._logger.addHandler(self)
        if self._logger.getEffectiveLevel() > logging.INFO:
            self._logger.setLevel(logging.INFO)

    def detach(self) -> None:
        """Stop recording."""
        self._logger.removeHandler(self)
        self._logger.setLevel(self._level)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                message += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        except Exception:  # a bad format string must not break logging
            self.handleError(record)
            return
        now = self._clock.time()
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now))
        text = f"{stamp} {record.levelname.lower()} {record.name}: {redact_text(message)}"
        self._lines.append(LogLine(now, text))

    @property
    def capacity(self) -> int:
        """Return how many lines the log keeps (and asks of the platform's log)."""
        return self._lines.maxlen or LOG_CAPACITY

    def lines(self, secrets: Iterable[str], platform: Sequence[LogLine] = ()) -> list[str]:
        """Return the log, oldest first, with the platform's lines merged in by time."""
        merged = list(self._lines)
        if platform:
            merged = sorted([*platform, *merged], key=lambda line: line.time)
        hidden = sorted({s for s in secrets if len(s) >= SECRET_MIN}, key=len, reverse=True)
        out = []
        for line in merged:
            text = line.text
            for secret in hidden:
                text = text.replace(secret, REDACTED)
            out.append(text)
        return out
