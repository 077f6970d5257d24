"""The golden-test harness itself: a comparison that cannot fail would prove nothing."""

from __future__ import annotations

from dataclasses import replace

from .replay import Mask, NodeSetup, Printed, compare, replay
from .test_golden import EUI64

# 03_pskc: one node, no random values, so the replay matches without any mask.
REPLAY = replay("03", {"n1": NodeSetup(EUI64["n1"])})
PRINTED = REPLAY.printed["n1"]
PSKC = [p.text for p in PRINTED].index("c3f59368445a1b6106be420a706d4cc9")


def test_the_untouched_replay_matches() -> None:
    assert compare("03", "n1", PRINTED) == []


def test_a_changed_line_is_reported_with_its_source() -> None:
    printed = list(PRINTED)
    printed[PSKC] = replace(printed[PSKC], text="00" * 16)
    (problem,) = compare("03", "n1", printed)
    assert problem.startswith("03_pskc.txt:29 ")
    assert "recorded 'c3f59368445a1b6106be420a706d4cc9'" in problem


def test_a_late_line_is_reported() -> None:
    printed = list(PRINTED)
    printed[PSKC] = replace(printed[PSKC], t=printed[PSKC].t + 0.5)
    (problem,) = compare("03", "n1", printed)
    assert "recorded at 0.642 s" in problem


def test_a_missing_or_extra_line_is_reported() -> None:
    assert "printed 41 lines, recorded 42" in compare("03", "n1", PRINTED[:-1])[-1]
    extra = [*PRINTED, Printed(2.0, "Join success")]
    assert "first unmatched: 'Join success'" in compare("03", "n1", extra)[-1]


def test_a_mask_hides_its_groups_only() -> None:
    masks = [Mask(r"^c3f5([0-9a-f]{4})")]
    printed = list(PRINTED)
    printed[PSKC] = replace(printed[PSKC], text="c3f5ffff445a1b6106be420a706d4cc9")
    assert compare("03", "n1", printed, masks) == []
    printed[PSKC] = replace(printed[PSKC], text="c3f5ffff445a1b6106be420a706d4cc0")
    assert len(compare("03", "n1", printed, masks)) == 1
    printed[PSKC] = replace(printed[PSKC], text="d3f5ffff445a1b6106be420a706d4cc9")
    assert "found 0 times" in compare("03", "n1", printed, masks)[0]


def test_a_near_mask_bounds_the_difference() -> None:
    mask = Mask(r"^(\d+) ms$", near=5)
    assert mask.problem("1000 ms", "1004 ms") is None
    assert mask.problem("1000 ms", "1006 ms") == "1006 is not within 5 of 1000"
    assert Mask(r"^([0-9a-f]{4})$", near=2, base=16).problem("00ff", "0101") is None
