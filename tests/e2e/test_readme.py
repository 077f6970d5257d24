"""The README's Python examples run as written against a real s20d."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLE_URL = "http://127.0.0.1:8080"


def python_examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_examples() -> None:
    examples = python_examples()
    assert len(examples) >= 2
    assert all(EXAMPLE_URL in example for example in examples)


def test_python_examples_run_in_order(tmp_path: Path) -> None:
    with running_s20d(tmp_path / "state", "--sim-speed", "10") as url:
        for example in python_examples():
            code = compile(example.replace(EXAMPLE_URL, url), str(README), "exec")
            exec(code, {"__name__": "readme_example"})  # noqa: S102 - our own README
