"""Keep secrets out of logs and error messages: the CLI lines that carry keys or PSKds."""

from __future__ import annotations

import re

__all__ = ["REDACTED", "redact"]

REDACTED = "<redacted>"

# Each pattern keeps its first group and hides the rest of the line: a passphrase may
# hold escaped blanks, so "the rest of the line" is the only safe end.
_SECRET_COMMANDS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^(dataset set (?:active|pending)\s+).+$",  # a whole dataset, network key included
        r"^(dataset tlvs\s+).+$",
        r"^((?:dataset )?networkkey\s+).+$",
        r"^((?:dataset )?pskc\s+(?:-p\s+)?).+$",  # PSKc, or the passphrase it comes from
        r"^(joiner start\s+).+$",  # the joiner's PSKd (and provisioning URL)
        r"^(commissioner joiner add\s+\S+\s+).+$",  # the PSKd admitted for a joiner
    )
)


def redact(line: str) -> str:
    """Return a CLI command line with any secret it carries replaced by `<redacted>`."""
    for pattern in _SECRET_COMMANDS:
        match = pattern.match(line)
        if match:
            return match.group(1) + REDACTED
    return line
