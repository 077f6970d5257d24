"""`pip install s20` is the client alone: no server package is needed or imported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

ROOT = Path(__file__).resolve().parents[2]
PIP = [sys.executable, "-m", "pip"]

# Installed first in a fresh interpreter: importing any server package fails, as it would
# where only `pip install s20` was run.
FORBID = """
import sys
from importlib.abc import MetaPathFinder
from s20.entry import SERVER_PACKAGES

class Forbid(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in SERVER_PACKAGES:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Forbid())
"""


def _python(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", FORBID + code, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_client_and_s20ctl_import_no_server_package() -> None:
    done = _python(
        "import s20.client, s20.client.results, s20.client.cli, s20.errors\n"
        "from s20.client.cli import main\n"
        "for argv in (['--help'], ['devices', '--help'], ['completion', 'bash']):\n"
        "    sys.argv = ['s20ctl', *argv]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), (argv, exc.code)\n"
        "print('ok')\n"
    )
    assert done.returncode == 0, done.stderr
    assert "Manage GL-S20 Thread Border Routers" in done.stdout
    assert done.stdout.rstrip().endswith("ok")


@pytest.mark.parametrize(("entry", "program"), [("s20d", "s20d"), ("sim_node", "s20-sim-node")])
def test_server_commands_name_the_missing_extra(entry: str, program: str) -> None:
    done = _python(f"from s20.entry import {entry}\n{entry}()\n")
    assert done.returncode == 1
    assert done.stderr == f"{program} needs the server extra: pip install 's20[server]'\n"


def _wheel(folder: Path) -> Path:
    """Build the project's wheel from a copy of the tree, as `pip install .` would."""
    tree = folder / "tree"
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    # The test extra pins the build backend, so the build needs no isolated environment.
    built = subprocess.run(
        [*PIP, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", folder / "w", tree],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (folder / "w").glob("s20-*.whl")
    return wheel


@pytest.mark.e2e
def test_a_clean_install_without_extras_runs_the_client(tmp_path: Path) -> None:
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    # This environment's pip installs into the new one, from pip's cache of `make test`.
    env = {k: v for k, v in os.environ.items() if not k.startswith("S20_")}
    install = subprocess.run(
        [*PIP, "--python", python, "install", "--quiet", "--no-compile", _wheel(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env=env,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv, capture_output=True, text=True, timeout=60, check=False, env=env, cwd=tmp_path
        )

    assert "No module named 'fastapi'" in run(str(python), "-c", "import fastapi").stderr
    helped = run(str(target / "bin" / "s20ctl"), "--help")
    assert helped.returncode == 0
    assert "Manage GL-S20 Thread Border Routers" in helped.stdout
    server = run(str(target / "bin" / "s20d"))
    assert (server.returncode, server.stderr) == (
        1,
        "s20d needs the server extra: pip install 's20[server]'\n",
    )
    script = (
        "import sys\n"
        "from s20.client import S20Client\n"
        "with S20Client(sys.argv[1]) as s20:\n"
        "    s20.set_init(sys.argv[2])\n"
        "    s20.login(sys.argv[2])\n"
        "    print(s20.thread_status()['RCP']['State'], 'fastapi' in sys.modules)\n"
    )
    with running_s20d(tmp_path / "state") as url:
        used = run(str(python), "-c", script, url, PASSWORD)
    assert (used.returncode, used.stdout) == (0, "0 False\n"), used.stderr
