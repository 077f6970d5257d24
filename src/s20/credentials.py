"""The login hash of the S20 API, shared by the server and the client.

The device document's crypto-js snippet is `CryptoJS.HmacSHA256(password, salt)`: the
password is the message and the salt is the key, both as UTF-8 bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

__all__ = ["USERNAME", "login_hash", "password_verifier"]

USERNAME = "root"


def password_verifier(password: str, salt: str) -> str:
    """Return base64(HMAC-SHA256(key=salt, message=password)), what the device stores."""
    digest = hmac.new(salt.encode(), password.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def login_hash(verifier: str, nonce: str, username: str = USERNAME) -> str:
    """Return md5("root:" + verifier + ":" + nonce) as lower-case hex."""
    text = f"{username}:{verifier}:{nonce}".encode()
    return hashlib.md5(text, usedforsecurity=False).hexdigest()
