"""What program the virtual node is: a bare `ot-cli-ftd`, or otbr-agent driving an RCP."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Personality"]

# `version` of the recorded ot-cli-ftd (01_basic_info.txt) and of the recorded otbr-agent
# (11_otbr_agent_otctl.txt:74), and the agent's `rcp version` (11_otbr_agent_otctl.txt:89).
_CLI_VERSION = "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:44:37"
_AGENT_VERSION = "OPENTHREAD/de3788c66; POSIX; Nov 25 2026 20:16:28"
_RCP_VERSION = "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:47:39"


class Personality(StrEnum):
    """The program behind the CLI.

    `CLI` is a single-chip `ot-cli-ftd`: the radio runs in the same build, there is no
    border routing. `BORDER_ROUTER` is otbr-agent on a POSIX host with a radio
    co-processor and border routing on, as a GL-S20 or a Raspberry Pi border router runs it.
    """

    CLI = "ot-cli-ftd"
    BORDER_ROUTER = "otbr-agent"

    @property
    def version(self) -> str:
        """Return what `version` prints."""
        return _AGENT_VERSION if self is Personality.BORDER_ROUTER else _CLI_VERSION

    @property
    def rcp_version(self) -> str | None:
        """Return what `rcp version` prints; None where the radio is in the same build."""
        return _RCP_VERSION if self is Personality.BORDER_ROUTER else None
