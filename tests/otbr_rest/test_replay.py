"""Replay every recorded exchange with otbr-agent, in its state, and compare the answers.

The requests of `rest.txt` go to the app in their recorded order, over a simulated
device whose Thread side starts erased (the recording's fresh agent); where the
recorder waited (for leader, after a reset), the manual clock moves as long. The
status line, the headers a client reads (Content-Type, Allow, CORS, in their order,
and Content-Length) and the body must equal the recording, once the values a real
node makes up at random are masked by pattern, as the CLI golden tests do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.otbr_rest import OtbrRestApp, Request
from tests.otbr_rest.transcript import Exchange, load_exchanges

# Exchanges the app does not answer as recorded, and why.
NOT_SERVED = {
    # The agent answers these from a device collection that only its network-diagnostic
    # actions fill: the recording shows a never-updated entry (role "", leader data
    # never read). This border router runs no diagnostics and serves no such collection.
    **dict.fromkeys(
        ("A.17", "A.18", "A.31", "A.32", "A.33", "A.34"),
        "/api/node and /api/devices are not served",
    ),
    **dict.fromkeys(
        ("A.83", "A.84", "A.97", "A.98", "A.99", "A.100"),
        "/api/node and /api/devices are not served",
    ),
}
LEADER = range(65, 120)  # A.65 (enable) .. A.119: the node has been a leader


@dataclass(frozen=True)
class Mask:
    """A value a real node makes up at random: its text is blanked in both answers.

    The pattern must match the recorded body and ours equally often; `near` compares
    the masked numbers (milliseconds left on a timer) within that distance instead.
    """

    pattern: str
    only: range | frozenset[int] | None = None
    near: int | None = None
    base: int = 10

    def applies(self, number: int) -> bool:
        return self.only is None or number in self.only


_HEX32, _HEX16 = "[0-9a-f]{32}", "[0-9a-f]{16}"
_RANDOM_NETWORK = frozenset({54, 56})  # a PUT without a dataset starts from a random one
MASKS = (
    # Border agent ID and extended address: random per node, and new after a reset.
    Mask(rf'"baId":\t"({_HEX32})"'),
    Mask(rf'"extAddress":\t"({_HEX16})"'),
    Mask(rf'^"({_HEX32}|{_HEX16})"$', only=frozenset({3, 4, 69, 70})),
    # A new network's keys, IDs, name suffix and channel.
    Mask(rf'"networkKey":\t"({_HEX32})"', only=_RANDOM_NETWORK),
    Mask(rf'"pskc":\t"({_HEX32})"', only=_RANDOM_NETWORK),
    Mask(rf'"extPanId":\t"({_HEX16})"', only=_RANDOM_NETWORK),
    Mask(r'"meshLocalPrefix":\t"(fd[0-9a-f:]+)::/64"', only=_RANDOM_NETWORK),
    Mask(r'"panId":\t(\d+)', only=_RANDOM_NETWORK),
    Mask(r'"networkName":\t"OpenThread-([0-9a-f]{4})"', only=_RANDOM_NETWORK),
    Mask(r'"channel":\t(\d+)', only=frozenset({54})),
    # The wake-up channel a new network draws (kept through TLV updates).
    Mask(r"4A030000([0-9A-F]{2})"),
    # A leader picks its router ID and partition ID at random; its network data versions
    # start at random.
    Mask(r'"rloc16":\t"0x([0-9a-f]{2})00"', only=LEADER),
    Mask(r"^(\d+)$", only=frozenset({71})),
    Mask(r'fe00:([0-9a-f]{1,4})"', only=LEADER),
    Mask(r'"routerId":\t(\d+)', only=LEADER),
    Mask(r'"leaderRouterId":\t(\d+)', only=LEADER),
    Mask(r'"partitionId":\t(\d+)', only=LEADER),
    Mask(r'"dataVersion":\t(\d+)', only=LEADER),
    Mask(r'"stableDataVersion":\t(\d+)', only=LEADER),
    # The pending delay counts down while the recorder worked: within a second.
    Mask(r'"delay":\t(\d+)', near=1000),
    Mask(r"^0E0800000000000200003404([0-9A-F]{8})", near=1000, base=16),
)
# Where the simulated node knowingly differs from the recorded one:
DEVIATIONS = {
    # OpenThread keeps the last RLOC16 and router table after `thread stop`; the
    # simulated node reads 0xfffe and an empty table once stopped.
    118: (r'"routerCount":\t(\d+)', r'"rloc16":\t"(0x[0-9a-f]{4})"', r'\n\t"routerId":\t\d+,()'),
    # The agent reboots its radio on `DELETE /node`; here the radio is not rebooted, so
    # the RLOC address keeps the locator of the last attach.
    121: (r'fe00:([0-9a-f]{1,4})"',),
}


def _mask(number: int, recorded: str, ours: str) -> tuple[str, str]:
    patterns: list[tuple[str, int | None, int]] = [
        (p, None, 10) for p in DEVIATIONS.get(number, ())
    ]
    patterns += [(m.pattern, m.near, m.base) for m in MASKS if m.applies(number)]
    for pattern, near, base in patterns:
        want = list(re.finditer(pattern, recorded, re.MULTILINE))
        got = list(re.finditer(pattern, ours, re.MULTILINE))
        if pattern.endswith("()"):  # a line the simulated node leaves out
            recorded, ours = re.sub(pattern, "", recorded), re.sub(pattern, "", ours)
            continue
        assert len(want) == len(got), f"{pattern!r}: {len(want)} recorded, {len(got)} ours"
        if near is not None:
            for a, b in zip(want, got, strict=True):
                assert abs(int(a.group(1), base) - int(b.group(1), base)) <= near, pattern
        recorded = re.sub(pattern, _blank, recorded, flags=re.MULTILINE)
        ours = re.sub(pattern, _blank, ours, flags=re.MULTILINE)
    return recorded, ours


def _blank(match: re.Match[str]) -> str:
    start, end = match.span(1)
    offset = match.start()
    text = match.group(0)
    return text[: start - offset] + "\u2026" + text[end - offset :]


def _request(exchange: Exchange) -> Request:
    headers = {name.lower(): value for name, value in exchange.request_headers}
    return Request(
        exchange.method,
        exchange.path,
        headers.get("accept"),
        headers.get("content-type"),
        exchange.request_body,
    )


async def _wait_as_recorded(exchange: Exchange, clock: ManualClock) -> None:
    for note in exchange.notes:
        waited = re.search(r"waited ([\d.]+) s", note) or re.search(r"(\d+) s after", note)
        if waited:
            await clock.advance_async(float(waited.group(1)))


_CLIENT_HEADERS = {"content-type", "content-length", "allow"}


def _client_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, value in headers
        if name.lower() in _CLIENT_HEADERS or name.lower().startswith("access-control-")
    ]


async def test_every_recorded_exchange_is_answered_as_recorded(
    blank: Device, rest_app: OtbrRestApp, clock: ManualClock
) -> None:
    exchanges = load_exchanges()
    assert len(exchanges) == 127
    compared = 0
    for exchange in exchanges:
        number = int(exchange.ident.removeprefix("A."))
        response = await rest_app.handle(_request(exchange))
        if exchange.ident not in NOT_SERVED:
            where = f"{exchange.ident} {exchange.title}"
            assert response.status == exchange.status, where
            recorded, ours = _mask(number, exchange.body.decode(), response.body.decode())
            assert ours == recorded, where
            headers = [(k.decode(), v.decode()) for k, v in response.raw_headers()]
            expected = _client_headers(exchange.response_headers)
            if recorded != exchange.body.decode():  # masked values may differ in length
                headers = [h for h in headers if h[0] != "Content-Length"]
                expected = [h for h in expected if h[0] != "Content-Length"]
            assert headers == expected, where
            compared += 1
        await _wait_as_recorded(exchange, clock)
    assert compared == 127 - len(NOT_SERVED)


@pytest.mark.parametrize("ident", sorted(NOT_SERVED))
def test_what_is_not_served_is_recorded_as_such(ident: str) -> None:
    recorded = {e.ident: e for e in load_exchanges()}[ident]
    assert recorded.path in ("/api/node", "/api/devices")
