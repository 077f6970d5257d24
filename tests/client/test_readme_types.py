"""The README's Python examples type-check under `mypy --strict`, as a user's script would."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def _mypy(folder: Path, sources: list[str]) -> subprocess.CompletedProcess[str]:
    files = []
    for i, source in enumerate(sources):
        path = folder / f"readme_example_{i}.py"
        path.write_text(source, encoding="utf-8")
        files.append(str(path))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,  # the project's mypy settings and cache
        timeout=300,
        check=False,
    )


def test_the_readme_python_examples_pass_mypy_strict(tmp_path: Path) -> None:
    examples = _examples()
    assert sum("s20.client" in e for e in examples) >= 3
    done = _mypy(tmp_path, examples)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_mistyped_result_key_fails_the_same_check(tmp_path: Path) -> None:
    (typed,) = [e for e in _examples() if 'status["Network"]["NetworkName"]' in e]
    done = _mypy(tmp_path, [typed.replace('["NetworkName"]', '["NetworkNam"]')])
    assert done.returncode == 1
    assert 'TypedDict "ThreadNetwork" has no key "NetworkNam"' in done.stdout
