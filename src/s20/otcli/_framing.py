"""Line framing and argument escaping for the OpenThread CLI line protocol."""

from __future__ import annotations

import re

__all__ = ["LineFramer", "clean_line", "command_line", "escape_arg", "match_result"]

PROMPT = "> "
# CSI sequences: an interactive ot-ctl on a pty wraps output in bracketed-paste toggles.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_ERROR = re.compile(r"^Error (\d+): (\S.*)$")
_SEPARATORS = re.compile(r"([ \t])")
_AMBIGUOUS_BACKSLASH = re.compile(r"\\(?:[ \t\\]|$)")


def clean_line(raw: bytes) -> str:
    """Decode one line and drop carriage returns, terminal escapes and leading prompts."""
    text = _ANSI.sub("", raw.decode("utf-8", errors="replace")).replace("\r", "")
    # A prompt is printed after every result without a newline, so whatever comes
    # next (an echo, output, or an asynchronous line) starts with it, maybe twice.
    while text.startswith(PROMPT):
        text = text[len(PROMPT) :]
    return text


class LineFramer:
    """Split a CLI byte stream into clean lines; a partial line waits for its newline."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[str]:
        """Add bytes and return every line they complete."""
        self._buffer += data
        lines: list[str] = []
        while (end := self._buffer.find(b"\n")) >= 0:
            lines.append(clean_line(bytes(self._buffer[:end])))
            del self._buffer[: end + 1]
        return lines

    @property
    def partial(self) -> bytes:
        """Return the bytes received after the last newline (often just the prompt)."""
        return bytes(self._buffer)

    def reset(self) -> None:
        """Forget a partial line, as after reconnecting."""
        self._buffer.clear()


def match_result(line: str) -> tuple[int, str] | None:
    """Return `(0, "Done")` or `(code, name)` if `line` ends a command, else None."""
    if line == "Done":
        return 0, "Done"
    if (m := _ERROR.match(line)) is not None:
        return int(m.group(1)), m.group(2)
    return None


def escape_arg(arg: str | int) -> str:
    """Escape one argument the way the CLI's tokenizer expects (backslash before blanks)."""
    text = str(arg)
    if not text:
        raise ValueError("the OpenThread CLI cannot receive an empty argument")
    if "\r" in text or "\n" in text:
        raise ValueError(f"argument {text!r} contains a line break")
    if _AMBIGUOUS_BACKSLASH.search(text):
        # Newer CLIs also read `\\` as an escaped backslash, older ones do not: a
        # backslash before a blank, another backslash or the end means different things.
        raise ValueError(f"argument {text!r} has a backslash the CLI cannot take literally")
    return _SEPARATORS.sub(r"\\\1", text)


def command_line(command: str, *args: str | int) -> str:
    """Build one CLI line: `command` verbatim, then each argument escaped."""
    if not command.strip():
        raise ValueError("empty command")
    if "\r" in command or "\n" in command:
        raise ValueError(f"command {command!r} contains a line break")
    return " ".join([command, *(escape_arg(a) for a in args)])
