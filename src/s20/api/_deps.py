"""Request dependencies: the device behind the app (as a narrow interface), the session check.

The API layer never imports the daemon: the composition root hands `create_app` an
object with what the routes use, described here by `DeviceApi`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Protocol

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

if TYPE_CHECKING:
    from s20.services.auth import AuthService
    from s20.services.failover import FailoverEngine
    from s20.services.identity import Identity
    from s20.services.network import NetworkService
    from s20.services.system import ConfigTransfer, SystemService
    from s20.services.thread import ThreadService
    from s20.sim import World

__all__ = [
    "TOKEN",
    "DeviceApi",
    "DeviceDep",
    "SessionDep",
    "client_address",
    "get_device",
    "require_session",
]


class DeviceApi(Protocol):
    """What the routes need from the device: its services, its facts, its lifecycle."""

    auth: AuthService
    thread: ThreadService
    network: NetworkService
    failover: FailoverEngine
    system: SystemService
    identity: Identity

    @property
    def model(self) -> str: ...

    @property
    def hostname(self) -> str: ...

    @property
    def firmware_category(self) -> str: ...

    @property
    def firmware_version(self) -> str: ...

    @property
    def simulation(self) -> World | None:
        """Return the simulated world, on the simulated platform only."""
        ...

    def config_transfer(self) -> ConfigTransfer:
        """Return the configuration's export and import over the current services."""
        ...

    def secrets(self) -> list[str]:
        """Return every secret the device holds in the clear, to keep them out of the log."""
        ...

    async def get_info(self) -> dict[str, int]:
        """Answer `/sys/get_info`."""
        ...

    async def restart(self) -> None:
        """Rebuild every service from the database."""
        ...

    async def reset(self) -> None:
        """Erase every setting, then restart."""
        ...


def get_device(request: Request) -> DeviceApi:
    """Return the device this app serves."""
    device: DeviceApi = request.app.state.device
    return device


def client_address(request: Request) -> str:
    """Return the peer's address (a trusted proxy's `X-Forwarded-For` when so configured)."""
    return request.client.host if request.client else "unknown"


async def _device(request: Request) -> DeviceApi:
    return get_device(request)


# Through this scheme the OpenAPI document marks exactly the routes that need a session.
TOKEN = APIKeyHeader(
    name="Token",
    scheme_name="Token",
    description="The `sid` from /ui/login. Every call that presents it keeps its session "
    "alive 35 s more; missing, unknown or expired: code -1.",
    auto_error=False,
)


async def require_session(request: Request, token: Annotated[str | None, Security(TOKEN)]) -> str:
    """Check the `Token` header and restart its session's 35 s; return the token."""
    return get_device(request).auth.authorize(token)


DeviceDep = Annotated["DeviceApi", Depends(_device)]
SessionDep = Annotated[str, Depends(require_session)]
