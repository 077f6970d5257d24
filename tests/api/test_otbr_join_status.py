"""`get_join_status` when the join's result arrives while the joiner state is being read."""

from __future__ import annotations

from typing import Any, cast

from s20.clock import ManualClock
from s20.otcli import JoinerState, Radio
from s20.services.thread import ThreadService
from s20.store import Database


class _ResultDuringRead:
    """A radio whose `joiner state` read lets the join's result line land first."""

    def __init__(self) -> None:
        self.service: ThreadService | None = None

    async def joiner_state(self) -> JoinerState:
        assert self.service is not None
        # What the event handler does when `Join failed [Security]` arrives.
        self.service.join_attempt.fail("Security")
        return JoinerState.CONNECTING

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the status read must not use the radio's {name}")


async def test_a_failure_that_lands_during_the_read_is_reported_with_its_reason(
    db: Database, clock: ManualClock
) -> None:
    radio = _ResultDuringRead()
    service = ThreadService(db, clock, cast(Radio, radio), "94:83:c4:00:00:01")
    radio.service = service
    service.join_attempt.begin(restore_thread=False)

    assert await service.join_status() == {"status": 6, "fail_msg": "Security"}
    # And it stays so: a late step must not overwrite the result.
    assert await service.join_status() == {"status": 6, "fail_msg": "Security"}
