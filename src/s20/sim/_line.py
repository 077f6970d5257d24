"""The CLI's line discipline: echo, line editing and argument splitting, as OpenThread's."""

from __future__ import annotations

from dataclasses import dataclass

from ._errors import CliError, OtError

__all__ = ["MAX_ARGS", "MAX_LINE_LENGTH", "RX_BUFFER_SIZE", "LineEditor", "Typed", "split_args"]

# OPENTHREAD_CONFIG_CLI_UART_RX_BUFFER_SIZE: longer lines are cut (the rest is not echoed).
RX_BUFFER_SIZE = 640
# OPENTHREAD_CONFIG_CLI_MAX_LINE_LENGTH: the interpreter refuses a line this long (Parse),
# and ot-daemon reads its socket into a buffer of this size, less the terminating NUL.
MAX_LINE_LENGTH = 640
# The CLI interpreter's kMaxArgs: a line with more arguments fails with InvalidArgs.
MAX_ARGS = 32

_CRLF = b"\r\n"
_ERASE = b"\b \b"
_SEPARATORS = " \t\r\n"


@dataclass(frozen=True, slots=True)
class Typed:
    """What a chunk of input caused: bytes to echo, then maybe a completed line."""

    echo: bytes
    line: str | None


class LineEditor:
    """Turn bytes typed into the CLI into echo bytes and complete lines.

    Mirrors the UART receive task of OpenThread's CLI app: every byte is echoed as it
    arrives, CR or LF ends a line (an LF right after a CR is swallowed), backspace and
    DEL erase, and bytes beyond the receive buffer are dropped without an echo.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._last = 0

    def feed(self, data: bytes) -> list[Typed]:
        """Consume `data`; return the echo for it, split at each completed line."""
        results: list[Typed] = []
        echo = bytearray()
        for byte in data:
            if byte == 0x0A and self._last == 0x0D:
                pass
            elif byte in (0x0A, 0x0D):
                echo += _CRLF
                line = self._buffer.decode("utf-8", errors="replace")
                self._buffer.clear()
                results.append(Typed(bytes(echo), line))
                echo.clear()
            elif byte in (0x08, 0x7F):
                echo += _ERASE
                if self._buffer:
                    self._buffer.pop()
            elif len(self._buffer) < RX_BUFFER_SIZE - 1:
                echo.append(byte)
                self._buffer.append(byte)
            self._last = byte
        if echo:
            results.append(Typed(bytes(echo), None))
        return results


def split_args(line: str) -> list[str]:
    """Split a command line as OpenThread's `CmdLineParser::ParseCmd` does.

    Blanks separate arguments; a backslash keeps the blank or backslash after it as part
    of the argument (`Test\\ Network` is one argument). Quotes mean nothing.
    """
    args: list[str] = []
    current: list[str] = []
    in_arg = False
    index = 0
    while index < len(line):
        char = line[index]
        following = line[index + 1 : index + 2]
        if char == "\\" and following and (following in _SEPARATORS or following == "\\"):
            current.append(following)
            in_arg = True
            index += 2
            continue
        if char in _SEPARATORS:
            if in_arg:
                args.append("".join(current))
                current, in_arg = [], False
        else:
            current.append(char)
            in_arg = True
        index += 1
    if in_arg:
        args.append("".join(current))
    if len(args) > MAX_ARGS:
        raise CliError(OtError.INVALID_ARGS)
    return args
