"""ICMP echo through one interface, bound to it with SO_BINDTODEVICE.

The socket is the least privileged one that works: an unprivileged ICMP socket where
`net.ipv4.ping_group_range` admits the process's group, else a raw socket (CAP_NET_RAW),
else the `ping -I IFACE -c1 -W N` tool.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import math
import os
import shutil
import socket
import struct

from s20.clock import Clock
from s20.drivers.network import Interface

from ._wait import wait_on_clock

__all__ = ["LinuxPing", "checksum", "echo_request"]

log = logging.getLogger(__name__)

ECHO_REQUEST, ECHO_REPLY = 8, 0
ECHO6_REQUEST, ECHO6_REPLY = 128, 129  # ICMPv6: the kernel fills in the checksum
_IP_HEADER_MIN = 20


def checksum(data: bytes) -> int:
    """Return the Internet checksum of `data`."""
    if len(data) % 2:
        data += b"\0"
    total: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def echo_request(
    ident: int, seq: int, *, v6: bool = False, payload: bytes = b"s20-failover"
) -> bytes:
    """Return an ICMP (or ICMPv6) echo request with a correct checksum."""
    kind = ECHO6_REQUEST if v6 else ECHO_REQUEST
    header = struct.pack("!BBHHH", kind, 0, 0, ident, seq)
    total = 0 if v6 else checksum(header + payload)
    return struct.pack("!BBHHH", kind, 0, total, ident, seq) + payload


class LinuxPing:
    """One echo request through the interface the failover engine names."""

    def __init__(self, ifaces: dict[Interface, str], clock: Clock) -> None:
        self._ifaces = ifaces
        self._clock = clock
        self._seq = 0

    async def ping(self, iface: Interface, address: str, reply_within: float) -> bool:
        device = self._ifaces[iface]
        self._seq = seq = (self._seq + 1) & 0xFFFF  # probes run together: each keeps its own
        v6 = ":" in address
        try:
            sock = _open_socket(device, v6=v6)
        except OSError as exc:
            log.warning("ping: no socket on %s: %s", device, exc.strerror)
            return False  # the interface is gone (ENODEV): nothing goes through it
        if sock is None:
            return await self._ping_tool(device, address, reply_within)
        with sock:
            return await self._exchange(sock, address, seq, reply_within)

    async def _exchange(
        self, sock: socket.socket, address: str, seq: int, reply_within: float
    ) -> bool:
        v6 = sock.family == socket.AF_INET6
        # Only an IPv4 raw socket hands over the IP header with the ICMP message.
        strip_ip = sock.type == socket.SOCK_RAW and not v6
        check_ident = sock.type == socket.SOCK_RAW
        reply_kind = ECHO6_REPLY if v6 else ECHO_REPLY
        ident = os.getpid() & 0xFFFF  # an unprivileged socket's kernel puts its own
        loop = asyncio.get_running_loop()
        try:
            await loop.sock_sendto(sock, echo_request(ident, seq, v6=v6), (address, 0))
        except OSError as exc:
            log.debug("ping %s: %s", address, exc.strerror)
            return False  # no route, interface down: no answer will come
        answered = asyncio.Event()

        async def receive() -> None:
            while True:
                data, source = await loop.sock_recvfrom(sock, 2048)
                if strip_ip:
                    data = data[(data[0] & 0x0F) * 4 :] if len(data) >= _IP_HEADER_MIN else b""
                if len(data) < 8 or not _same_address(source[0], address):
                    continue
                kind, _, _, reply_ident, reply_seq = struct.unpack("!BBHHH", data[:8])
                if (
                    kind == reply_kind
                    and reply_seq == seq
                    and (not check_ident or reply_ident == ident)
                ):
                    answered.set()
                    return

        receiver = asyncio.ensure_future(receive())
        try:
            return await wait_on_clock(answered, self._clock, reply_within)
        finally:
            receiver.cancel()
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await receiver

    async def _ping_tool(self, device: str, address: str, reply_within: float) -> bool:
        tool = shutil.which("ping")
        if tool is None:
            log.error("ping: no ICMP socket is allowed and there is no ping tool")
            return False
        wait = str(max(1, math.ceil(reply_within)))
        process = await asyncio.create_subprocess_exec(
            tool,
            "-n",
            "-q",
            "-I",
            device,
            "-c",
            "1",
            "-W",
            wait,
            address,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return await process.wait() == 0


def _same_address(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a.split("%")[0]) == ipaddress.ip_address(b)
    except ValueError:
        return False


def _open_socket(device: str, *, v6: bool) -> socket.socket | None:
    """Return an ICMP socket bound to `device`, or None when none is allowed."""
    family, protocol = (
        (socket.AF_INET6, socket.IPPROTO_ICMPV6) if v6 else (socket.AF_INET, socket.IPPROTO_ICMP)
    )
    for kind in (socket.SOCK_DGRAM, socket.SOCK_RAW):
        try:
            sock = socket.socket(family, kind, protocol)
        except PermissionError:
            continue
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, device.encode() + b"\0")
        except PermissionError:
            sock.close()
            continue
        except OSError:
            sock.close()
            raise
        sock.setblocking(False)
        return sock
    return None
