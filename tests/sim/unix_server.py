"""Run `python -m s20.sim --unix PATH` as a child process, and talk to its socket raw."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["SimServer", "ask", "running_sim", "short_dir", "spawn_sim"]

# Generous: the child is a fresh interpreter.
TIMEOUT = 20.0
_RESULT = re.compile(rb"(?:^|\n)(?:Done|Error \d+: \w+)\r\n> ")


@contextmanager
def short_dir() -> Iterator[Path]:
    """Yield a fresh directory under /tmp: a unix socket path must fit in 108 bytes."""
    with tempfile.TemporaryDirectory(prefix="s20sim-", dir="/tmp") as name:
        yield Path(name)


class SimServer:
    """The child process serving a node; `output` collects what it writes to stderr."""

    def __init__(self, process: subprocess.Popen[str], path: Path) -> None:
        self.process = process
        self.path = path
        self.output: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.output.append(line)
            if "listening on unix:" in line:
                self.ready.set()

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send `signum`; return the exit code (the process is killed if it hangs)."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            code = self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        self._reader.join(5)
        return code

    def finish(self) -> tuple[int, str]:
        """Wait for a process that ends by itself; return its exit code and stderr."""
        code = self.process.wait(TIMEOUT)
        self._reader.join(5)
        return code, "".join(self.output)


def spawn_sim(path: Path, *args: str) -> SimServer:
    """Start the server without waiting for it (for servers expected to fail)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "s20.sim", "--unix", str(path), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return SimServer(process, path)


@contextmanager
def running_sim(path: Path, *args: str) -> Iterator[SimServer]:
    """Serve a node on `path` until the block ends, then stop it with SIGTERM (exit 0)."""
    server = spawn_sim(path, *args)
    try:
        if not server.ready.wait(TIMEOUT):
            raise AssertionError("the sim server did not start:\n" + "".join(server.output))
        yield server
    finally:
        code = server.stop()
    assert code == 0, f"the sim server exited with {code}:\n" + "".join(server.output)
    assert "Traceback" not in "".join(server.output), "".join(server.output)


def ask(path: Path, line: bytes) -> bytes:
    """Send one raw line in a new session; return every byte up to its result's prompt."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(TIMEOUT)
        sock.connect(str(path))
        sock.sendall(line)
        received = b""
        while not (received == b"> " if line.strip() == b"" else _RESULT.search(received)):
            chunk = sock.recv(4096)
            assert chunk, f"the session ended before a result: {received!r}"
            received += chunk
        return received
