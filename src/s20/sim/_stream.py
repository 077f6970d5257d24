"""The CLI's byte stream: typed bytes in, echo and output out, the prompt between commands."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from ._cli import Outcome
from ._errors import CliError, OtError
from ._line import MAX_LINE_LENGTH, LineEditor, split_args

__all__ = ["CliStream"]

_PROMPT = b"> "
_CRLF = b"\r\n"
# Output kept while nobody is attached (no connection); older bytes are dropped.
_BACKLOG_LIMIT = 64 * 1024


class CliStream(ABC):
    """What OpenThread's CLI does around each command, with `dispatch` running it.

    A finished command prints `Done` or `Error <n>: <Name>` and then the prompt `> `
    without a line break, so an unsolicited line printed while idle follows the prompt.
    A line typed while a command is still running (a scan) is echoed and ignored.
    """

    def __init__(self) -> None:
        self._sink: Callable[[bytes], None] | None = None
        self._backlog = bytearray()
        self._editor = LineEditor()
        self._command_pending = False
        # Cancels the command still running (a scan), if any.
        self.operation: Callable[[], None] | None = None

    @abstractmethod
    def dispatch(self, args: list[str]) -> Outcome:
        """Run one command; raise CliError when it fails."""

    def attach(self, output: Callable[[bytes], None]) -> None:
        """Send everything printed to `output` (first what was printed meanwhile)."""
        self._sink = output
        if self._backlog:
            backlog = bytes(self._backlog)
            self._backlog.clear()
            output(backlog)

    def detach(self) -> None:
        """Stop sending output; it is kept (up to a limit) for the next `attach`."""
        self._sink = None

    def receive(self, data: bytes) -> None:
        """Type `data` into the CLI: echo it and run each completed line."""
        for typed in self._editor.feed(data):
            self._write(typed.echo)
            if typed.line is not None:
                self._run_line(typed.line)

    def input_line(self, line: str) -> None:
        """Run one line given whole, without echo (`otCliInputLine`, what ot-daemon calls)."""
        if self._command_pending:
            return  # as in `receive`: a line sent while a command runs is ignored
        if len(line.encode("utf-8")) >= MAX_LINE_LENGTH:
            self._result(OtError.PARSE)
            return
        self._run_line(line)

    def _write(self, data: bytes) -> None:
        if self._sink is not None:
            self._sink(data)
            return
        self._backlog += data
        if len(self._backlog) > _BACKLOG_LIMIT:
            del self._backlog[: len(self._backlog) - _BACKLOG_LIMIT]

    def print_prompt(self) -> None:
        """Print the prompt `> ` (after a result, or when the node boots)."""
        self._write(_PROMPT)

    def print_line(self, text: str) -> None:
        """Print one line of a command's output."""
        self._write(text.encode("utf-8") + _CRLF)

    def print_async(self, text: str) -> None:
        """Print an unsolicited line; after a finished command it follows the prompt."""
        self.print_line(text)

    def _run_line(self, line: str) -> None:
        if self._command_pending:
            return  # OpenThread ignores a line typed while a command is still running
        try:
            args = split_args(line)
        except CliError as error:
            self._result(error.error)
            return
        if not args:
            self.print_prompt()
            return
        self._command_pending = True
        try:
            outcome = self.dispatch(args)
        except CliError as error:
            self._result(error.error)
            return
        if outcome is Outcome.DONE:
            self._result(None)
        elif outcome is Outcome.SILENT:
            self._command_pending = False
            self.print_prompt()

    def _result(self, error: OtError | None) -> None:
        self.print_line("Done" if error is None else f"Error {int(error)}: {error.text}")
        self._command_pending = False
        self.print_prompt()

    def finish_command(self, error: OtError | None = None) -> None:
        """End a command that returned `Outcome.PENDING`."""
        self.operation = None
        if self._command_pending:
            self._result(error)

    def abandon_command(self) -> None:
        """Forget a running command without a result (the node reset under it)."""
        if self.operation is not None:
            self.operation()
            self.operation = None
        self._command_pending = False
