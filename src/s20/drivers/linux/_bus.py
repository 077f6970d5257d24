"""One connection to the system bus: method calls, properties and signal subscriptions."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

from dbus_fast import BusType, Message, MessageType, Variant, unpack_variants
from dbus_fast.aio import MessageBus

__all__ = ["Bus", "BusError", "Variant"]

log = logging.getLogger(__name__)

_DBUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
_PROPERTIES = "org.freedesktop.DBus.Properties"
# A service that does not answer within this many seconds is treated as absent.
CALL_TIMEOUT = 25.0


class BusError(Exception):
    """A D-Bus call failed; `name` is the D-Bus error name (`...AccessDenied`, ...)."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__(f"{name}: {text}" if text else name)
        self.name = name


class Bus:
    """The system bus, connected on first use (`address` None: the system bus's own).

    `DBUS_SYSTEM_BUS_ADDRESS` in the environment points it elsewhere, as for any
    D-Bus client; tests use that, or `address`, to reach a private bus.
    """

    def __init__(self, address: str | None = None) -> None:
        self._address = address
        self._bus: MessageBus | None = None
        self._connecting = asyncio.Lock()
        self._handlers: list[tuple[dict[str, str], Callable[[Message], None]]] = []

    async def _connected(self) -> MessageBus:
        async with self._connecting:
            if self._bus is None or not self._bus.connected:
                try:
                    bus = MessageBus(bus_address=self._address, bus_type=BusType.SYSTEM)
                    self._bus = await asyncio.wait_for(bus.connect(), CALL_TIMEOUT)
                except (TimeoutError, OSError) as exc:
                    raise BusError("org.freedesktop.DBus.Error.NoServer", str(exc)) from None
                self._bus.add_message_handler(self._dispatch)
            return self._bus

    async def call(
        self,
        service: str,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        body: Sequence[Any] = (),
    ) -> list[Any]:
        """Call a method and return its reply's values; raise `BusError` on an error reply."""
        bus = await self._connected()
        message = Message(
            destination=service,
            path=path,
            interface=interface,
            member=member,
            signature=signature,
            body=list(body),
        )
        try:
            reply = await asyncio.wait_for(bus.call(message), CALL_TIMEOUT)
        except (TimeoutError, OSError, EOFError) as exc:
            raise BusError("org.freedesktop.DBus.Error.NoReply", str(exc)) from None
        assert reply is not None
        if reply.message_type == MessageType.ERROR:
            text = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
            # Some services (Python ones) send a whole traceback: its last line says it.
            text = (text.strip().splitlines() or [""])[-1]
            raise BusError(reply.error_name or "org.freedesktop.DBus.Error.Failed", text)
        return list(reply.body)

    async def get(self, service: str, path: str, interface: str, name: str) -> Any:
        """Return one property's value (variants unpacked)."""
        (value,) = await self.call(service, path, _PROPERTIES, "Get", "ss", [interface, name])
        return unpack_variants(value)

    async def get_all(self, service: str, path: str, interface: str) -> dict[str, Any]:
        """Return every property of `interface` (variants unpacked)."""
        (values,) = await self.call(service, path, _PROPERTIES, "GetAll", "s", [interface])
        result: dict[str, Any] = unpack_variants(values)
        return result

    async def has_owner(self, service: str) -> bool:
        """Return whether `service` is on the bus now."""
        (owned,) = await self.call(*_DBUS, "NameHasOwner", "s", [service])
        return bool(owned)

    async def subscribe(
        self, handler: Callable[[Message], None], **match: str
    ) -> Callable[[], None]:
        """Deliver the signals matching `match` (sender, path, interface, member) to `handler`.

        Return the unsubscriber.
        """
        rule = ",".join(["type='signal'", *(f"{key}='{value}'" for key, value in match.items())])
        await self.call(*_DBUS, "AddMatch", "s", [rule])
        entry = (match, handler)
        self._handlers.append(entry)

        def unsubscribe() -> None:
            if entry in self._handlers:
                self._handlers.remove(entry)
                if self._bus is not None and self._bus.connected:
                    remove = Message(
                        destination=_DBUS[0],
                        path=_DBUS[1],
                        interface=_DBUS[2],
                        member="RemoveMatch",
                        signature="s",
                        body=[rule],
                    )
                    with contextlib.suppress(Exception):
                        self._bus.send(remove)

        return unsubscribe

    def _dispatch(self, message: Message) -> None:
        if message.message_type != MessageType.SIGNAL:
            return
        for match, handler in list(self._handlers):
            if all(
                getattr(message, key, None) == value
                for key, value in match.items()
                if key != "sender"  # a well-known name arrives as the unique one
            ):
                try:
                    handler(message)
                except Exception:
                    log.exception("D-Bus signal %s.%s", message.interface, message.member)

    def close(self) -> None:
        """Disconnect (a later call connects again)."""
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None
