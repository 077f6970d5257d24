"""s20: an open implementation of the GL-S20 Thread Border Router HTTP API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("s20")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
