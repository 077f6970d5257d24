"""Wi-Fi authentication as NetworkManager sees it: AP flags to API modes, modes to settings."""

from __future__ import annotations

from typing import Any

from s20.drivers.network import AuthMode

from ._bus import Variant

__all__ = ["NM_UNSUPPORTED", "auth_mode", "channel", "rssi", "security_settings"]

# NM80211ApFlags / NM80211ApSecurityFlags bits.
PRIVACY = 0x1
KEY_MGMT_PSK = 0x100
KEY_MGMT_8021X = 0x200
KEY_MGMT_SAE = 0x400
KEY_MGMT_OWE = 0x800

# WAPI has no NetworkManager support; WPA2-Enterprise needs EAP settings the API lacks.
NM_UNSUPPORTED = frozenset({AuthMode.WAPI_PSK, AuthMode.WPA2_ENTERPRISE})


def auth_mode(flags: int, wpa: int, rsn: int) -> AuthMode:
    """Return the API's auth mode of an access point from its NetworkManager flags."""
    if rsn & KEY_MGMT_8021X or wpa & KEY_MGMT_8021X:
        return AuthMode.WPA2_ENTERPRISE
    if rsn & KEY_MGMT_OWE:
        return AuthMode.OWE
    if rsn & KEY_MGMT_SAE:
        return AuthMode.WPA2_WPA3_PSK if rsn & KEY_MGMT_PSK else AuthMode.WPA3_PSK
    if rsn & KEY_MGMT_PSK:
        return AuthMode.WPA_WPA2_PSK if wpa & KEY_MGMT_PSK else AuthMode.WPA2_PSK
    if wpa & KEY_MGMT_PSK:
        return AuthMode.WPA_PSK
    return AuthMode.WEP if flags & PRIVACY else AuthMode.OPEN


def rssi(strength: int) -> int:
    """Return the dBm of NetworkManager's 0-100 strength (it maps -90..-20 dBm onto 0..100)."""
    return -90 + max(0, min(100, strength)) * 70 // 100


def channel(frequency: int) -> int:
    """Return the Wi-Fi channel of a frequency in MHz (0 when it is none)."""
    if frequency == 2484:
        return 14
    if 2412 <= frequency <= 2472:
        return (frequency - 2407) // 5
    if 5955 <= frequency <= 7115:
        return (frequency - 5950) // 5
    if 5000 <= frequency <= 5900:
        return (frequency - 5000) // 5
    return 0


def security_settings(mode: AuthMode, password: str) -> dict[str, dict[str, Variant]]:
    """Return the `802-11-wireless-security` setting for `mode` (none for an open network).

    The key management each mode maps to: WEP `none` with the key as `wep-key0`,
    WPA/WPA2/mixed `wpa-psk`, WPA3 and WPA2/WPA3 `sae` (mixed networks accept an SAE
    station), OWE `owe`.
    """
    if mode == AuthMode.OPEN:
        return {}
    security: dict[str, Any]
    if mode == AuthMode.WEP:
        # Type 1 is a key as given: 5 or 13 characters, or 10 or 26 hex digits.
        security = {
            "key-mgmt": Variant("s", "none"),
            "wep-key0": Variant("s", password),
            "wep-key-type": Variant("u", 1),
        }
    elif mode == AuthMode.OWE:
        security = {"key-mgmt": Variant("s", "owe")}
    elif mode in (AuthMode.WPA3_PSK, AuthMode.WPA2_WPA3_PSK):
        security = {"key-mgmt": Variant("s", "sae"), "psk": Variant("s", password)}
    else:
        security = {"key-mgmt": Variant("s", "wpa-psk"), "psk": Variant("s", password)}
    return {"802-11-wireless-security": security}
