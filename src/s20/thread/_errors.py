"""The errors of the Thread protocol core."""

from __future__ import annotations

__all__ = ["DatasetError", "RuleError", "ThreadError"]


class ThreadError(Exception):
    """Base of every error raised by `s20.thread`."""


class DatasetError(ThreadError):
    """Operational dataset input is malformed; the message says what and where."""


class RuleError(ThreadError, ValueError):
    """A value broke a validation rule; the message states the rule without the field name."""
