"""PSKc: the commissioning key derived from a passphrase (Thread spec, PBKDF2-AES-CMAC)."""

from __future__ import annotations

from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.cmac import CMAC

from ._errors import RuleError

__all__ = ["pskc"]

_ITERATIONS = 16384
_BLOCK = 16


def _prf_key(key: bytes) -> bytes:
    # RFC 4615: a key that is not 16 bytes is first reduced with an all-zero CMAC key.
    if len(key) == _BLOCK:
        return key
    reducer = CMAC(algorithms.AES(bytes(_BLOCK)))
    reducer.update(key)
    return reducer.finalize()


def _pbkdf2_aes_cmac(password: bytes, salt: bytes, iterations: int, length: int) -> bytes:
    """Derive `length` bytes with PBKDF2 (RFC 8018) using AES-CMAC-PRF-128 (RFC 4615)."""
    # One keyed CMAC, copied per block: re-keying AES 16384 times would dominate the cost.
    keyed = CMAC(algorithms.AES(_prf_key(password)))
    out = b""
    block_index = 0
    while len(out) < length:
        block_index += 1
        mac = keyed.copy()
        mac.update(salt + block_index.to_bytes(4, "big"))
        u = mac.finalize()
        acc = int.from_bytes(u, "big")
        for _ in range(iterations - 1):
            mac = keyed.copy()
            mac.update(u)
            u = mac.finalize()
            acc ^= int.from_bytes(u, "big")
        out += acc.to_bytes(_BLOCK, "big")
    return out[:length]


def _utf8(text: str, what: str) -> bytes:
    if not isinstance(text, str):
        raise RuleError(f"{what} must be text, got {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise RuleError(f"{what} must be valid UTF-8 text") from None


def pskc(passphrase: str, network_name: str, ext_pan_id: bytes) -> bytes:
    """Return the 16-byte PSKc for a passphrase, network name and extended PAN ID.

    Salt is "Thread" + extended PAN ID + network name (UTF-8), 16384 iterations,
    as OpenThread's `MeshCoP::GeneratePskc` (`pskc -p` on the CLI).
    """
    if not isinstance(ext_pan_id, bytes | bytearray) or len(ext_pan_id) != 8:
        raise RuleError(f"extended PAN ID must be 8 bytes, got {ext_pan_id!r}")
    salt = b"Thread" + bytes(ext_pan_id) + _utf8(network_name, "network name")
    return _pbkdf2_aes_cmac(_utf8(passphrase, "passphrase"), salt, _ITERATIONS, _BLOCK)
