"""Every string of the panel is in both languages' tables, and nowhere else."""

from __future__ import annotations

import re

from s20.web import STATIC_DIR

I18N = STATIC_DIR / "js" / "i18n"
_KEY = re.compile(r'^\s+(?:"([^"]+)"|(\w+)):\s', re.MULTILINE)
_USE = re.compile(r'\bt\(\s*"([^"]+)"')
_FAMILY = re.compile(r"\bt\(\s*`([\w.]+\.)\$\{")


def keys(name: str) -> list[str]:
    return [a or b for a, b in _KEY.findall((I18N / name).read_text())]


def test_both_tables_have_the_same_keys() -> None:
    en, zh = keys("en.js"), keys("zh-cn.js")
    assert len(en) > 50
    assert len(en) == len(set(en)), "a key twice in en.js"
    assert len(zh) == len(set(zh)), "a key twice in zh-cn.js"
    assert set(en) == set(zh), set(en) ^ set(zh)


def test_every_literal_key_the_pages_use_is_in_the_table() -> None:
    table = set(keys("en.js"))
    used = {
        key
        for path in (STATIC_DIR / "js").rglob("*.js")
        if path.parent != I18N
        for key in _USE.findall(path.read_text())
    }
    assert used, "no t(...) call found"
    assert used <= table, used - table


def test_chinese_strings_are_translated() -> None:
    zh = (I18N / "zh-cn.js").read_text()
    values = re.findall(r':\s+"([^"]*)"', zh)
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", v)) for v in values) > len(values) * 0.7


def test_every_key_family_built_at_run_time_is_in_the_table() -> None:
    # t(`role.${state}`) and the like: each family has its numbered members.
    table = set(keys("en.js"))
    families = {
        prefix
        for path in (STATIC_DIR / "js").rglob("*.js")
        for prefix in _FAMILY.findall(path.read_text())
    }
    assert {"role.", "wan.", "joiner.", "auth."} <= families, families
    for prefix in families:
        assert any(key.startswith(prefix) for key in table), prefix
    counts = {p: sum(k.startswith(p) for k in table) for p in ("role.", "joiner.", "auth.")}
    assert counts == {"role.": 5, "joiner.": 4, "auth.": 10}
