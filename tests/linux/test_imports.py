"""dbus-fast loads only with the Linux platform: never with the client or the sim default."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_after(module: str) -> set[str]:
    """Return every module a fresh interpreter has loaded after importing `module`."""
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", ["s20.client", "s20.daemon.main", "s20.drivers"])
def test_module_does_not_load_dbus(module: str) -> None:
    loaded = loaded_after(module)
    assert module in loaded  # the check itself works
    assert not {m for m in loaded if m.startswith(("dbus_fast", "s20.drivers.linux"))}


def test_the_linux_drivers_load_it() -> None:
    assert "dbus_fast" in loaded_after("s20.drivers.linux")
