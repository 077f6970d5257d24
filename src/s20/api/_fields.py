"""Request field types shared by routes, with their limits for the OpenAPI document.

The limits come from the rules' own constants in `s20.thread`, `s20.drivers.rules` and the
services; the rules
themselves check the values (and word the `err_msg`) when a handler calls them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Annotated, TypeAlias

from s20.drivers import AuthMode as AuthModes
from s20.drivers.rules import (
    BSSID,
    DOTTED_IPV4,
    SSID_MAX_BYTES,
    SSID_MIN_BYTES,
    SUPPORTED_AUTH_MODES,
)
from s20.services.thread import TIMEOUT_MAX, TIMEOUT_MIN
from s20.thread import (
    CHANNEL_MAX,
    CHANNEL_MIN,
    HEX16,
    HEX32,
    NETWORK_NAME_MAX_BYTES,
    NETWORK_NAME_MIN_BYTES,
    PAN_ID_HEX,
    PAN_ID_MAX,
    PAN_ID_MIN,
    PASSPHRASE_MAX_BYTES,
    PASSPHRASE_MIN_BYTES,
    PSKD,
    WILDCARD,
)

from ._openapi import Limits, whole

__all__ = [
    "AnyAuthMode",
    "AuthMode",
    "Bssid",
    "Channel",
    "DottedIpv4",
    "Eui64",
    "ExtPanId",
    "Hex16",
    "JoinerEui64",
    "NetworkKey",
    "NetworkName",
    "PanId",
    "Passphrase",
    "Pskd",
    "Ssid",
    "Timeout",
    "numbered",
]

# OpenThread keeps names as C strings: no NUL. Lengths are in UTF-8 bytes, which no
# JSON Schema keyword counts: at most that many bytes is at most that many characters.
_NO_NUL = "^[^\\u0000]*$"
NetworkName = Annotated[
    str,
    Limits(
        minLength=NETWORK_NAME_MIN_BYTES,
        maxLength=NETWORK_NAME_MAX_BYTES,
        pattern=_NO_NUL,
        description=f"{NETWORK_NAME_MIN_BYTES}-{NETWORK_NAME_MAX_BYTES} bytes of UTF-8",
    ),
]
Passphrase = Annotated[
    str,
    Limits(
        minLength=PASSPHRASE_MIN_BYTES,
        maxLength=PASSPHRASE_MAX_BYTES,
        pattern=_NO_NUL,
        description=f"{PASSPHRASE_MIN_BYTES}-{PASSPHRASE_MAX_BYTES} bytes of UTF-8",
    ),
]
Hex16 = Annotated[str, Limits(pattern=whole(HEX16), description="16 hex digits")]
ExtPanId: TypeAlias = Hex16
Eui64: TypeAlias = Hex16
NetworkKey = Annotated[str, Limits(pattern=whole(HEX32), description="32 hex digits")]
PanId = (
    Annotated[int, Limits(minimum=PAN_ID_MIN, maximum=PAN_ID_MAX)]
    | Annotated[
        str,
        Limits(pattern=whole(PAN_ID_HEX), description=f'"0x" hex, {PAN_ID_MIN}-{PAN_ID_MAX:#x}'),
    ]
)
Channel = Annotated[int, Limits(minimum=CHANNEL_MIN, maximum=CHANNEL_MAX)]
Pskd = Annotated[
    str, Limits(pattern=whole(PSKD), description="6-32 of 0-9 and A-Y except I, O, Q and Z")
]
JoinerEui64 = Annotated[
    str,
    Limits(
        pattern=whole(HEX16, WILDCARD.value), description=f'16 hex digits, or "{WILDCARD.value}"'
    ),
]
Timeout = Annotated[int, Limits(minimum=TIMEOUT_MIN, maximum=TIMEOUT_MAX, description="seconds")]

Ssid = Annotated[
    str,
    Limits(
        minLength=SSID_MIN_BYTES,
        maxLength=SSID_MAX_BYTES,
        description=f"{SSID_MIN_BYTES}-{SSID_MAX_BYTES} bytes of UTF-8",
    ),
]
Bssid = Annotated[str, Limits(pattern=whole(BSSID), description="aa:bb:cc:dd:ee:ff")]
DottedIpv4 = Annotated[str, Limits(pattern=whole(DOTTED_IPV4), description="a.b.c.d")]


def numbered(members: Iterable[enum.IntEnum]) -> Limits:
    """Return the limits of a number that takes `members`' values, named in the description."""
    values = sorted(members)
    return Limits(
        enum=[int(v) for v in values], description=", ".join(f"{v.value} {v.name}" for v in values)
    )


AnyAuthMode = Annotated[int, numbered(AuthModes)]
AuthMode = Annotated[int, numbered(SUPPORTED_AUTH_MODES)]
