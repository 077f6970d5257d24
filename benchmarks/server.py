"""The real `s20d` as a separate process, on a free loopback port, pinned to its own core."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

__all__ = ["ServerProcess", "free_port", "rss_mb", "split_cores"]

_URL = re.compile(r"listening on (http://\S+)")
START_TIMEOUT = 60.0


def rss_mb(pid: int) -> float | None:
    """Return a process's resident memory in MB (None where /proc has no answer)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on (it may be taken meanwhile)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def split_cores() -> tuple[set[int] | None, set[int] | None]:
    """Return (the server's core, the load's cores), or (None, None) with fewer than 2.

    The load generator is heavier than the server it measures; sharing a core would
    measure how the two fight over it, not how the server serves.
    """
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None, None
    return {cores[0]}, set(cores[1:])


class ServerProcess:
    """`s20d` (simulated platform) on 127.0.0.1, a fresh state dir, `--log-level warning`.

    `started` is the `time.perf_counter()` just before the process was spawned.
    """

    def __init__(
        self, state_dir: Path, core: set[int] | None, extra_args: tuple[str, ...] = ()
    ) -> None:
        # The daemon reads S20_* settings; the benchmark's own must not reach it.
        env = {k: v for k, v in os.environ.items() if not k.startswith("S20_")}
        env["PYTHONUNBUFFERED"] = "1"
        command = [sys.executable, "-m", "s20.daemon", "--host", "127.0.0.1", "--port", "0"]
        command += ["--state-dir", str(state_dir), "--log-level", "warning", *extra_args]
        self.started = time.perf_counter()
        self._proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        if core is not None:
            # Set before the interpreter starts its threads, which inherit the mask.
            os.sched_setaffinity(self._proc.pid, core)
        self.output: list[str] = []
        self._found = threading.Event()
        self._url: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self.output.append(line)
            match = _URL.search(line)
            if match and not self._url:
                self._url.append(match.group(1))
                self._found.set()

    @property
    def url(self) -> str:
        """Return the base URL, once the server listens."""
        if not self._found.wait(START_TIMEOUT):
            raise RuntimeError("s20d did not start:\n" + "".join(self.output))
        return self._url[0]

    @property
    def port(self) -> int:
        """Return the TCP port the server listens on."""
        return int(self.url.rsplit(":", 1)[1])

    def rss_mb(self) -> float | None:
        """Return the server's resident memory in MB (None where /proc has no answer)."""
        return rss_mb(self._proc.pid)

    def close(self) -> int:
        """Stop the server with SIGTERM (SIGKILL after 15 s); return its exit code."""
        if self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._reader.join(5)
        return self._proc.returncode
