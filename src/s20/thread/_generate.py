"""A new random Thread network, as OpenThread's `dataset init new` makes one."""

from __future__ import annotations

import ipaddress
import random
import secrets

from ._components import ChannelMask, SecurityPolicy, Timestamp
from ._dataset import Dataset
from ._errors import RuleError
from ._pskc import pskc
from ._rules import check_channel, check_network_name, check_passphrase

__all__ = ["generate_network"]

# Every 2.4 GHz channel (11-26): what `dataset init new` puts in the channel mask.
_ALL_CHANNELS = ChannelMask(0x07FFF800)


def generate_network(
    network_name: str,
    channel: int,
    passphrase: str,
    *,
    now: float,
    rng: random.Random | None = None,
) -> Dataset:
    """Return a new active dataset with random keys and identifiers.

    Network key, extended PAN ID, PAN ID (1-0xFFFE, the API's range) and mesh-local
    prefix (fdxx:xxxx:xxxx:xxxx::/64) come from `secrets`, or from `rng` when a test
    passes one. The PSKc is derived from the passphrase; the active timestamp is `now`
    in whole seconds. Channel mask, security policy, a random wake-up channel and the
    TLV order are those of OpenThread's `dataset init new`.
    """
    check_network_name(network_name)
    check_channel(channel)
    check_passphrase(passphrase)
    # The comparison also turns away NaN and infinity; seconds are 48 bits on the wire.
    if isinstance(now, bool) or not isinstance(now, int | float) or not 0 <= now < 1 << 48:
        raise RuleError(f"now must be a Unix time in seconds, got {now!r}")

    def token(size: int) -> bytes:
        return rng.randbytes(size) if rng is not None else secrets.token_bytes(size)

    def below(n: int) -> int:
        return rng.randrange(n) if rng is not None else secrets.randbelow(n)

    ext_pan_id = token(8)
    return Dataset(
        active_timestamp=Timestamp(int(now)),
        channel=channel,
        wakeup_channel=11 + below(16),
        channel_mask=_ALL_CHANNELS,
        ext_pan_id=ext_pan_id,
        mesh_local_prefix=ipaddress.IPv6Network((b"\xfd" + token(7) + bytes(8), 64)),
        network_key=token(16),
        network_name=network_name,
        pan_id=1 + below(0xFFFE),
        pskc=pskc(passphrase, network_name, ext_pan_id),
        security_policy=SecurityPolicy(),
    )
