"""The field checker: paths into nested objects and arrays, JSON types."""

from __future__ import annotations

import pytest

from .shape import ShapeError, problems, values_at
from .spec import Field


def fields(*rows: str) -> list[Field]:
    pairs = [row.split() for row in rows]
    return [Field(path, kind, line) for line, (path, kind) in enumerate(pairs, start=1)]


SCAN = fields(
    "ScanList array",
    "ScanList[x].Channel number",
    "ScanList[x].NetworkName string",
)


def test_paths_reach_every_element() -> None:
    result = {"a": {"b": [{"c": [1, 2]}, {"c": []}, {"c": [3]}]}}
    assert values_at(result, "a.b[x].c[x]") == [
        ("a.b[0].c[0]", 1),
        ("a.b[0].c[1]", 2),
        ("a.b[2].c[0]", 3),
    ]
    assert values_at(result, "a.b") == [("a.b", result["a"]["b"])]


@pytest.mark.parametrize(
    ("result", "path", "message"),
    [
        ({}, "Network.Channel", "Network is missing"),
        ({"Network": []}, "Network.Channel", "Network is not an object"),
        ({"L": {"x": 1}}, "L[x].a", "L is not an array"),
        ({"L": [{"a": 1}, {}]}, "L[x].a", "L[1].a is missing"),
        ([], "a", "result is not an object"),
    ],
)
def test_paths_that_do_not_exist(result: object, path: str, message: str) -> None:
    with pytest.raises(ShapeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        values_at(result, path)


def test_conforming_result_has_no_problems() -> None:
    result = {
        "ScanList": [{"Channel": 15, "NetworkName": "a"}, {"Channel": 2.5, "NetworkName": ""}]
    }
    assert problems(result, SCAN, need_elements=True) == []


def test_types_are_json_types() -> None:
    result = {
        "ScanList": [
            {"Channel": True, "NetworkName": "a"},
            {"Channel": "15", "NetworkName": None},
        ]
    }
    assert problems(result, SCAN) == [
        "ScanList[0].Channel (line 2): number expected, got bool",
        "ScanList[1].Channel (line 2): number expected, got str",
        "ScanList[1].NetworkName (line 3): string expected, got NoneType",
    ]
    kinds = fields("s string", "b boolean", "a array", "o object", "n number")
    wrong = {"s": 1, "b": 0, "a": {}, "o": [], "n": None}
    assert len(problems(wrong, kinds)) == 5
    right = {"s": "", "b": False, "a": [], "o": {}, "n": 0}
    assert problems(right, kinds) == []


def test_missing_fields_and_empty_arrays() -> None:
    assert problems({}, SCAN) == [
        "ScanList (line 1): ScanList is missing",
        "ScanList[x].Channel (line 2): ScanList is missing",
        "ScanList[x].NetworkName (line 3): ScanList is missing",
    ]
    # An empty array leaves its element rows unchecked: fine, unless elements are needed.
    assert problems({"ScanList": []}, SCAN) == []
    assert problems({"ScanList": []}, SCAN, need_elements=True) == [
        "ScanList[x].Channel (line 2): no element to check",
        "ScanList[x].NetworkName (line 3): no element to check",
    ]
