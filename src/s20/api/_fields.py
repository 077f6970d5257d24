"""Request field types shared by routes, with their limits for the OpenAPI document.

The limits come from the rules' own constants in `s20.thread` and the services; the rules
themselves check the values (and word the `err_msg`) when a handler calls them.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

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
    "Channel",
    "Eui64",
    "ExtPanId",
    "Hex16",
    "JoinerEui64",
    "NetworkKey",
    "NetworkName",
    "PanId",
    "Passphrase",
    "Pskd",
    "Timeout",
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
