"""The Thread protocol core, without I/O.

Operational dataset TLV codec, PSKc derivation, joiner IDs, discerners and steering
data, validation rules for API input, and generation of a new random network; all of
it agrees bit for bit with OpenThread.
"""

from __future__ import annotations

from ._components import ChannelMask, SecurityPolicy, Timestamp
from ._dataset import Dataset
from ._errors import DatasetError, RuleError, ThreadError
from ._generate import generate_network
from ._joiner import (
    WILDCARD,
    JoinerDiscerner,
    Wildcard,
    joiner_id,
    steering_data,
    steering_data_contains,
)
from ._pskc import pskc
from ._rules import (
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
    TX_POWER_MAX,
    TX_POWER_MIN,
    check_channel,
    check_eui64,
    check_ext_pan_id,
    check_mesh_local_prefix,
    check_network_key,
    check_network_name,
    check_pan_id,
    check_passphrase,
    check_pskc_hex,
    check_pskd,
    check_tx_power,
)
from ._tlv import TlvType
from ._version import thread_version_name

__all__ = [
    "CHANNEL_MAX",
    "CHANNEL_MIN",
    "HEX16",
    "HEX32",
    "NETWORK_NAME_MAX_BYTES",
    "NETWORK_NAME_MIN_BYTES",
    "PAN_ID_HEX",
    "PAN_ID_MAX",
    "PAN_ID_MIN",
    "PASSPHRASE_MAX_BYTES",
    "PASSPHRASE_MIN_BYTES",
    "PSKD",
    "TX_POWER_MAX",
    "TX_POWER_MIN",
    "WILDCARD",
    "ChannelMask",
    "Dataset",
    "DatasetError",
    "JoinerDiscerner",
    "RuleError",
    "SecurityPolicy",
    "ThreadError",
    "Timestamp",
    "TlvType",
    "Wildcard",
    "check_channel",
    "check_eui64",
    "check_ext_pan_id",
    "check_mesh_local_prefix",
    "check_network_key",
    "check_network_name",
    "check_pan_id",
    "check_passphrase",
    "check_pskc_hex",
    "check_pskd",
    "check_tx_power",
    "generate_network",
    "joiner_id",
    "pskc",
    "steering_data",
    "steering_data_contains",
    "thread_version_name",
]
