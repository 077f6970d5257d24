"""The device's identity: MAC addresses and serial number, made once and kept."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass

from s20.store import Database

__all__ = ["Identity", "load_or_create_identity"]

# GL.iNet's IEEE OUI, so simulated devices look like the real product family.
GLINET_OUI = (0x94, 0x83, 0xC4)
_KEY = "identity"


def _mac(octets: bytes) -> str:
    return ":".join(f"{b:02x}" for b in octets)


@dataclass(frozen=True)
class Identity:
    """Hardware facts that a reset does not change."""

    eth_mac: str
    wifi_mac: str
    ble_mac: str
    serial: str

    @classmethod
    def generate(cls) -> Identity:
        """Make a new random identity: consecutive MACs in GL.iNet's OUI, as on the device."""
        base = int.from_bytes(secrets.token_bytes(3)) & 0xFFFFFC
        macs = [_mac(bytes(GLINET_OUI) + (base + i).to_bytes(3)) for i in range(3)]
        serial = secrets.token_hex(8)
        return cls(eth_mac=macs[0], wifi_mac=macs[1], ble_mac=macs[2], serial=serial)


def load_or_create_identity(db: Database) -> Identity:
    """Return the stored identity, creating it on first start."""
    with db.transaction() as tx:
        stored = tx.get(_KEY)
        if stored is None:
            identity = Identity.generate()
            tx.put(_KEY, asdict(identity))
            return identity
    return Identity(**stored)
