"""The OpenThread CLI driver: transports, a line client, output parsers and typed commands.

The border router drives its Thread radio through the OpenThread CLI line protocol,
the one `ot-ctl` speaks to otbr-agent's unix socket, `ot-cli-ftd` speaks on stdio and
a CLI radio firmware speaks on a serial port:

    radio = Radio(OtCli(open_transport(parse_radio_url(url)), clock))
    await radio.cli.start()
    role = await radio.state()

Layers, bottom up: a `Transport` opens `Connection`s (`UnixTransport`, `ExecTransport`,
`SerialTransport`; s20.sim adds the simulated node); `OtCli` frames lines, runs one
command at a time and turns unsolicited lines into events (see its docstring for the
rule that tells the two apart); the `parse_*` functions read one command's output;
`Radio` puts them together as typed async methods.

Errors:

    RadioError                  any failure to get an answer from the radio
    ├── OtCliError              the CLI answered `Error <code>: <name>` (.code, .name)
    ├── OtCliTimeout            no `Done`/`Error` in time
    ├── OtCliConnectionError    not connected, connection lost mid-command, or closed
    └── OtCliParseError         the output has an unexpected shape (also a ValueError)

Invalid arguments detected before sending (a malformed EUI-64, an argument that the
CLI cannot represent) raise plain `ValueError`.
"""

from ._client import DEFAULT_TIMEOUT, SCAN_TIMEOUT, STABLE_SESSION, EventStream, OtCli
from ._commands import Radio
from ._errors import (
    OtCliConnectionError,
    OtCliError,
    OtCliParseError,
    OtCliTimeout,
    OtErrorCode,
    RadioError,
)
from ._events import (
    CommissionerJoinerEvent,
    CommissionerStateChanged,
    JoinerEventKind,
    JoinResult,
    LogLine,
    RadioEvent,
    UnknownLine,
    is_event_line,
    parse_event,
)
from ._framing import LineFramer, command_line, escape_arg
from ._models import (
    BbrConfig,
    BbrPrimary,
    BbrState,
    BorderRoutingState,
    CommissionerState,
    DeviceRole,
    Discerner,
    DiscoverResult,
    EnergyScanResult,
    IpAddressInfo,
    JoinerEntry,
    JoinerState,
    OmrPrefixes,
    ScanResult,
    Versions,
)
from ._netdata import (
    CommissioningData,
    ExternalRoute,
    LowpanContext,
    NetworkData,
    OnMeshPrefix,
    Service,
    parse_netdata,
)
from ._parsers import (
    parse_api_version,
    parse_bbr,
    parse_bbr_config,
    parse_bbr_state,
    parse_br_omrprefix,
    parse_br_state,
    parse_channel,
    parse_commissioner_state,
    parse_dataset_hex,
    parse_eui64,
    parse_extaddr,
    parse_extpanid,
    parse_ifconfig,
    parse_ipaddrs,
    parse_ipaddrs_verbose,
    parse_joiner_discerner,
    parse_joiner_id,
    parse_joiner_state,
    parse_networkkey,
    parse_networkname,
    parse_panid,
    parse_pskc,
    parse_rloc16,
    parse_state,
    parse_thread_version,
    parse_txpower,
    parse_uint,
    parse_version,
)
from ._redact import REDACTED, redact
from ._serial import SerialTransport
from ._tables import parse_discover, parse_energy_scan, parse_joiner_table, parse_scan
from ._transport import (
    Connection,
    ExecTransport,
    StreamConnection,
    StreamTransport,
    Transport,
    UnixTransport,
)
from ._url import DEFAULT_BAUD, RadioUrl, open_transport, parse_radio_url

__all__ = [
    "DEFAULT_BAUD",
    "DEFAULT_TIMEOUT",
    "REDACTED",
    "SCAN_TIMEOUT",
    "STABLE_SESSION",
    "BbrConfig",
    "BbrPrimary",
    "BbrState",
    "BorderRoutingState",
    "CommissionerJoinerEvent",
    "CommissionerState",
    "CommissionerStateChanged",
    "CommissioningData",
    "Connection",
    "DeviceRole",
    "Discerner",
    "DiscoverResult",
    "EnergyScanResult",
    "EventStream",
    "ExecTransport",
    "ExternalRoute",
    "IpAddressInfo",
    "JoinResult",
    "JoinerEntry",
    "JoinerEventKind",
    "JoinerState",
    "LineFramer",
    "LogLine",
    "LowpanContext",
    "NetworkData",
    "OmrPrefixes",
    "OnMeshPrefix",
    "OtCli",
    "OtCliConnectionError",
    "OtCliError",
    "OtCliParseError",
    "OtCliTimeout",
    "OtErrorCode",
    "Radio",
    "RadioError",
    "RadioEvent",
    "RadioUrl",
    "ScanResult",
    "SerialTransport",
    "Service",
    "StreamConnection",
    "StreamTransport",
    "Transport",
    "UnixTransport",
    "UnknownLine",
    "Versions",
    "command_line",
    "escape_arg",
    "is_event_line",
    "open_transport",
    "parse_api_version",
    "parse_bbr",
    "parse_bbr_config",
    "parse_bbr_state",
    "parse_br_omrprefix",
    "parse_br_state",
    "parse_channel",
    "parse_commissioner_state",
    "parse_dataset_hex",
    "parse_discover",
    "parse_energy_scan",
    "parse_eui64",
    "parse_event",
    "parse_extaddr",
    "parse_extpanid",
    "parse_ifconfig",
    "parse_ipaddrs",
    "parse_ipaddrs_verbose",
    "parse_joiner_discerner",
    "parse_joiner_id",
    "parse_joiner_state",
    "parse_joiner_table",
    "parse_netdata",
    "parse_networkkey",
    "parse_networkname",
    "parse_panid",
    "parse_pskc",
    "parse_radio_url",
    "parse_rloc16",
    "parse_scan",
    "parse_state",
    "parse_thread_version",
    "parse_txpower",
    "parse_uint",
    "parse_version",
    "redact",
]
