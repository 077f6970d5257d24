"""Start the real `s20d` on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_URL = re.compile(r"listening on (http://\S+)")


@contextmanager
def running_s20d(
    state_dir: Path, *args: str, timeout: float = 30.0, kill: bool = False
) -> Iterator[str]:
    """Run `s20d --port 0` until the block ends; yield its base URL.

    With `kill`, the block ends with SIGKILL, as a crash or power cut would end it.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for key in [k for k in env if k.startswith("S20_")]:
        del env[key]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "s20.daemon",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--state-dir",
            str(state_dir),
            # The OTBR REST API's fixed default port would clash between tests.
            *(() if "--otbr-rest-port" in args else ("--otbr-rest-port", "0")),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    found = threading.Event()
    url: list[str] = []

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            match = _URL.search(line)
            if match and not url:
                url.append(match.group(1))
                found.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        if not found.wait(timeout):
            raise AssertionError("s20d did not start:\n" + "".join(lines))
        yield url[0]
    finally:
        _stop(proc, kill)
        thread.join(5)
    if not kill:
        assert proc.returncode == 0, f"s20d exited with {proc.returncode}:\n" + "".join(lines)
        assert "Traceback" not in "".join(lines), "".join(lines)


def _stop(proc: subprocess.Popen[str], kill: bool) -> None:
    if kill:
        proc.kill()
    else:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
