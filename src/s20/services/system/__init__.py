"""The system group: status, time, firmware, certificates, log, configuration transfer."""

from ._certs import MAX_PEM, CertificateService, parse_pem_certificates
from ._download import Downloader, DownloadError, check_url
from ._fields import Fields
from ._firmware import RESTART_DELAY, FirmwareService, UpgradeStatus, parse_feed
from ._log import DeviceLog, redact_text
from ._sections import OtbrSection, SntpSection, UiSection
from ._service import SystemService
from ._time import (
    DEFAULT_TIME,
    ZONE_MAX,
    ZONE_MIN,
    TimeService,
    check_sntp_server,
    check_timezone,
    timezone_text,
)
from ._transfer import CFG_VER, ConfigSection, ConfigTransfer, secret_values
from ._uplink_sections import UplinkSections

__all__ = [
    "CFG_VER",
    "DEFAULT_TIME",
    "MAX_PEM",
    "RESTART_DELAY",
    "ZONE_MAX",
    "ZONE_MIN",
    "CertificateService",
    "ConfigSection",
    "ConfigTransfer",
    "DeviceLog",
    "DownloadError",
    "Downloader",
    "Fields",
    "FirmwareService",
    "OtbrSection",
    "SntpSection",
    "SystemService",
    "TimeService",
    "UiSection",
    "UpgradeStatus",
    "UplinkSections",
    "check_sntp_server",
    "check_timezone",
    "check_url",
    "parse_feed",
    "parse_pem_certificates",
    "redact_text",
    "secret_values",
    "timezone_text",
]
