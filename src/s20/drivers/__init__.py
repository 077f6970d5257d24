"""The seams to the outside world: driver protocols and each platform's implementations."""

from .sim_system import simulated_system
from .system import (
    BuiltinFeed,
    Firmware,
    FirmwareImage,
    FirmwareInstaller,
    FirmwareRejected,
    LogLine,
    LogSource,
    Memory,
    Restarter,
    SystemDrivers,
    SystemFacts,
    TimeDriver,
    TimeSettings,
)

__all__ = [
    "BuiltinFeed",
    "Firmware",
    "FirmwareImage",
    "FirmwareInstaller",
    "FirmwareRejected",
    "LogLine",
    "LogSource",
    "Memory",
    "Restarter",
    "SystemDrivers",
    "SystemFacts",
    "TimeDriver",
    "TimeSettings",
    "simulated_system",
]
