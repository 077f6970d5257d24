"""Thread version numbers as the API names them."""

from __future__ import annotations

__all__ = ["thread_version_name"]


def thread_version_name(n: int) -> str:
    """Return the name of OpenThread's `thread version` number: 2 -> "v1.1" ... 5 -> "v1.4".

    Thread numbers its protocol versions one above the 1.x minor release (1 is Thread 1.0),
    so any n >= 1 maps to "v1.{n - 1}" (a future 6 reads "v1.5"); a number below 1 is not
    a Thread version and reads "v1.x".
    """
    if n < 1:
        return "v1.x"
    return f"v1.{n - 1}"
