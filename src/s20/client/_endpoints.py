"""Every API method as a client method, written once for the sync and async clients."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

__all__ = ["Endpoints"]

R = TypeVar("R")
JSON = dict[str, Any]


class Endpoints(Generic[R]):
    """Named methods over `_call`; `R` is a result dict (sync) or an awaitable of one."""

    def _call(self, method: str, path: str, body: JSON | None = None) -> R:
        raise TypeError("a concrete client implements _call")

    def call(self, method: str, path: str, body: JSON | None = None) -> R:
        """Call any API path; return its `result`."""
        return self._call(method.upper(), path, body)

    # -- /ui
    def check_initialized(self) -> R:
        """Return initialization state, model, hostname, firmware and MAC."""
        return self._call("GET", "/ui/check_initialized")

    def set_init(self, password: str, lang: str = "en") -> R:
        """Initialize the device with its first admin password."""
        return self._call("POST", "/ui/set_init", {"lang": lang, "password": password})

    def challenge(self) -> R:
        """Return a login challenge (alg, salt, nonce)."""
        return self._call("GET", "/ui/challenge")

    # -- /sys
    def set_admin_pwd(self, old_pwd: str, new_pwd: str) -> R:
        """Change the admin password (other sessions end)."""
        body = {"username": "root", "old_pwd": old_pwd, "new_pwd": new_pwd}
        return self._call("POST", "/sys/set_admin_pwd", body)

    def restart(self) -> R:
        """Restart the device."""
        return self._call("POST", "/sys/restart")

    def reset(self) -> R:
        """Restore factory settings."""
        return self._call("POST", "/sys/reset")
