"""The layers depend one way: api never imports the daemon, services never import the api."""

from __future__ import annotations

import subprocess
import sys

import pytest


def imported_after(module: str) -> set[str]:
    """Return every s20 module a fresh interpreter has loaded after importing `module`."""
    code = f"import sys, {module}; print('\\n'.join(m for m in sys.modules if m.startswith('s20')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("s20.api", "s20.daemon"),
        ("s20.otbr_rest", "s20.daemon"),
        ("s20.otbr_rest", "s20.api"),
        ("s20.services.system", "s20.api"),
        ("s20.services.system", "s20.daemon"),
        ("s20.services.network", "s20.api"),
        ("s20.services.failover", "s20.api"),
        ("s20.services.thread", "s20.api"),
        ("s20.services.auth", "s20.api"),
        ("s20.drivers", "s20.services"),
        ("s20.sim", "s20.services"),
    ],
)
def test_layer_does_not_import(module: str, forbidden: str) -> None:
    loaded = imported_after(module)
    assert module in loaded  # the check itself works
    leaks = sorted(m for m in loaded if m == forbidden or m.startswith(forbidden + "."))
    assert not leaks, f"importing {module} loads {leaks}"
