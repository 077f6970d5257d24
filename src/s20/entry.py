"""The server-side commands' entry points: without the `server` extra, one line, not a trace.

`pip install s20` installs the client alone; `s20d` and `s20-sim-node` need the packages of
`pip install 's20[server]'`, so they import them only once they run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["SERVER_PACKAGES", "s20d", "sim_node"]

# The import names of the `server` extra's distributions.
SERVER_PACKAGES = frozenset(
    {
        "fastapi",
        "starlette",
        "pydantic",
        "pydantic_core",
        "uvicorn",
        "uvloop",
        "httptools",
        "cryptography",
        "serial",
        "multipart",
        "python_multipart",
        "dbus_fast",
        "swagger_ui_bundle",
    }
)


def _run(program: str, load: Callable[[], Callable[[], None]]) -> None:
    try:
        command = load()
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in SERVER_PACKAGES:
            raise
        sys.exit(f"{program} needs the server extra: pip install 's20[server]'")
    command()


def _load_s20d() -> Callable[[], None]:
    from s20.daemon.main import main

    return main


def _load_sim_node() -> Callable[[], None]:
    from s20.sim.stdio import main

    return main


def s20d() -> None:
    """Run `s20d`, or say in one line that the server extra is missing."""
    _run("s20d", _load_s20d)


def sim_node() -> None:
    """Run `s20-sim-node`, or say in one line that the server extra is missing."""
    _run("s20-sim-node", _load_sim_node)
