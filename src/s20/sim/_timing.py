"""How long the virtual node takes for each protocol step, read off the recordings.

Every delay is in seconds of the node's clock. The defaults sit inside the spread the
transcripts in tests/fixtures/otcli show; a real node adds random jitter (MLE attach
timers, discovery response jitter, DTLS round trips), so a test that replays one
recording may pin a value to what that run happened to take.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_TIMING", "Timing"]


@dataclass(frozen=True, slots=True)
class Timing:
    """The protocol delays of a virtual node and of the joiners around it."""

    # `thread start` -> leader when no partition is in range: the first `state` poll that
    # reads `leader` comes 6.0-7.0 s after the start in 02, 04, 05, 07, 08 and 09, and
    # 7.0-8.0 s in 06 and for 04's node 3.
    leader_delay: float = 6.75
    # The same, when the node has been attached before since it booted: 09 forms three
    # networks in a row, the second and third take 34.0-35.0 s and 33.0-34.0 s.
    reattach_leader_delay: float = 34.5
    # `thread start` -> child when a partition with the node's network key is in range
    # (06: 1.0-1.5 s, 09: 0.5-1.0 s).
    child_attach_delay: float = 1.25
    # A router-eligible child becomes a router (06: still a child after 9 s; 09: a
    # router within 32 s); OpenThread picks it at random within the selection jitter.
    router_upgrade_delay: float = 20.0
    # `commissioner start` -> `Commissioner: active`: the leader answers the petition at
    # once, the line follows the prompt within 1 ms (04, 06, 07, 08), before the next
    # command is read.
    petition_delay: float = 0.0
    # An enabled backbone router registers its service this long after attaching
    # (05: Secondary right after attach, Primary 1 s later); `bbr register` does it at once.
    bbr_register_delay: float = 1.0
    # Active and discovery scans dwell this long on each channel, and take this long to
    # switch to the next one (04: one channel takes 0.300 s, all 16 take 4.825-4.835 s;
    # the row for channel 15 comes 1.209 s after the start).
    scan_channel: float = 0.3
    scan_switch: float = 0.0016
    # A beacon arrives this long after its channel's dwell starts (04: 2-9 ms).
    scan_beacon: float = 0.002
    # A discovery response arrives this long after its channel's dwell starts
    # (04: 30-220 ms, the responder's random jitter).
    discover_response: float = 0.1
    # `joiner start` -> `Join failed [NotFound]` when no commissioner answers (07: 4.825 s).
    join_not_found: float = 4.825
    # `joiner start` -> the joiner picks a joiner router and starts DTLS: state Connecting,
    # `Commissioner: Joiner start` (06, 07, 08, 10: 4.87-4.99 s; the state polls of 06-08
    # read Connecting from 5.01 s on).
    join_discover: float = 4.9
    # DTLS handshake -> `Commissioner: Joiner connect` (10, 07, 08: 0.15-0.19 s after the
    # start line; 06: 0.24-0.31 s).
    join_handshake: float = 0.16
    # `connect` -> `finalize` on the commissioner, the joiner enters Entrust (3-10 ms).
    join_finalize: float = 0.004
    # `finalize` -> joiner state Joined (06, 08: 20-70 ms).
    join_entrust: float = 0.04
    # `finalize` -> `Join success` on the joiner (0.153-0.156 s in every recording).
    join_success: float = 0.155
    # `finalize` -> `Commissioner: Joiner end` (2.002-2.006 s).
    join_end: float = 2.003
    # `Joiner start` -> `Joiner end` and `Join failed [Security]` for a wrong PSKd
    # (07: 2.16 s after the start line, 7.03 s after `joiner start`).
    join_security: float = 2.13
    # OpenThread keeps a joined EUI-64 or discerner entry this long (kRemoveJoinerDelay).
    joiner_remove_delay: float = 20.0
    # A pending dataset reaches the leader's children this long after the commit (09).
    pending_propagation: float = 0.006
    # A border router (otbr-agent) evaluates its routing policy this long after attaching
    # or after the network data changed, and publishes its OMR prefix then: 11 reads the
    # prefix in `netdata show` 3.0 s after the first `state` poll that read `leader`
    # (11_otbr_agent_otctl.txt:50-58).
    br_evaluation_delay: float = 3.0
    # ...and this long after attaching, once its router solicitations are done (at most
    # 1 s start delay, three of them 4 s apart, 1 s wait), it starts its SRP server and
    # publishes that service and the fc00::/7 route: neither is in 11's network data at
    # 3.0 s (lines 53-61), both are 20 s later (lines 134-143).
    br_services_delay: float = 10.0


DEFAULT_TIMING = Timing()
