"""Login by challenge and HMAC, sessions, lockout and the admin password (docs/contract.md §3)."""

from __future__ import annotations

import base64
import hmac
import logging
import math
import secrets
from collections import OrderedDict
from dataclasses import dataclass

from s20.clock import Clock
from s20.credentials import USERNAME, login_hash, password_verifier
from s20.errors import (
    AccessDenied,
    AlreadyInitialized,
    InvalidParams,
    NotInitialized,
    TokenError,
    TooManyAttempts,
)
from s20.store import Database, Transaction

__all__ = ["ALG_HMAC_SHA256", "AuthService", "Challenge", "check_password"]

log = logging.getLogger(__name__)

ALG_HMAC_SHA256 = 66
NONCE_LIFETIME = 2.0
SESSION_LIFETIME = 35.0
MAX_NONCES = 1024
MAX_NONCES_PER_CLIENT = 8
MAX_STALE_NONCES = 8192
MAX_SESSIONS = 32
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0
MAX_TRACKED_CLIENTS = 1024
LANGUAGES = ("en", "zh-cn")
PASSWORD_MIN, PASSWORD_MAX = 10, 32

_KEY = "auth"


@dataclass(frozen=True)
class Challenge:
    """What `/ui/challenge` answers."""

    alg: int
    salt: str
    nonce: str


@dataclass(frozen=True)
class _Nonce:
    issued: float
    client: str
    expected: bytes | None  # the login hash it asks for; None before initialization


@dataclass
class _Failures:
    count: int = 0
    locked_until: float = 0.0


def _random_text(nbytes: int) -> str:
    return base64.b64encode(secrets.token_bytes(nbytes)).decode("ascii")


def check_password(field: str, value: str) -> str:
    """Apply the device's password rule (10 to 32 characters) to `field`."""
    if not PASSWORD_MIN <= len(value) <= PASSWORD_MAX:
        raise InvalidParams(f"{field} must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long")
    return value


class AuthService:
    """Challenges, logins, sessions and the password verifier of one device.

    Nonces and sessions live in memory only: a restart ends every session, as on the
    device. The salt and verifier live in the database; the password never does.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._nonces: OrderedDict[str, _Nonce] = OrderedDict()
        self._nonces_of: dict[str, OrderedDict[str, None]] = {}
        self._stale: OrderedDict[bytes, None] = OrderedDict()
        self._sessions: OrderedDict[str, float] = OrderedDict()
        self._failures: OrderedDict[str, _Failures] = OrderedDict()

    # -- initialization ---------------------------------------------------------------

    def initialized(self) -> bool:
        """Return whether a password has been set."""
        return self._db.get(_KEY) is not None

    def language(self) -> str:
        """Return the web UI language chosen at initialization ("en" before it)."""
        record = self._db.get(_KEY) or {}
        return str(record.get("lang", "en"))

    def set_init(self, lang: str, password: str) -> None:
        """Initialize the device with its first password."""
        if lang not in LANGUAGES:
            raise InvalidParams('lang must be "en" or "zh-cn"')
        check_password("password", password)
        with self._db.transaction() as tx:
            if tx.get(_KEY) is not None:
                raise AlreadyInitialized()
            tx.put(_KEY, self._record(lang, password))
        log.info("device initialized")

    @staticmethod
    def store_language(tx: Transaction, lang: str) -> None:
        """Change the stored web UI language within a transaction (an import's)."""
        record = tx.get(_KEY)
        if record is not None:
            tx.put(_KEY, {**record, "lang": lang})

    @staticmethod
    def _record(lang: str, password: str) -> dict[str, str]:
        salt = _random_text(6)  # 8 characters, like the document's "ZmVhMjk5"
        return {"lang": lang, "salt": salt, "verifier": password_verifier(password, salt)}

    def _require_record(self) -> dict[str, str]:
        record = self._db.get(_KEY)
        if record is None:
            raise NotInitialized()
        return dict(record)

    # -- challenge and login ----------------------------------------------------------

    def challenge(self, client: str) -> Challenge:
        """Issue a fresh nonce to `client`, valid for one login within 2000 ms.

        A flood of challenges must not take a real user's nonce away: each address holds
        at most `MAX_NONCES_PER_CLIENT` (its own oldest goes first), and only past
        `MAX_NONCES` in all does the oldest of anyone's go. Every step here is O(1).
        """
        record = self._db.get(_KEY) or {}
        now = self._clock.monotonic()
        self._expire_nonces(now)
        nonce = _random_text(18)  # 144 random bits
        verifier = record.get("verifier")
        expected = login_hash(verifier, nonce).encode() if verifier else None
        self._nonces[nonce] = _Nonce(now, client, expected)
        own = self._nonces_of.setdefault(client, OrderedDict())
        own[nonce] = None
        if len(own) > MAX_NONCES_PER_CLIENT:
            self._drop_nonce(next(iter(own)), stale=True)
        if len(self._nonces) > MAX_NONCES:
            self._drop_nonce(next(iter(self._nonces)), stale=True)
        # Before initialization there is no salt yet; a throwaway one keeps the shape.
        salt = record.get("salt") or _random_text(6)
        return Challenge(alg=ALG_HMAC_SHA256, salt=salt, nonce=nonce)

    def _expire_nonces(self, now: float) -> None:
        while self._nonces:
            nonce, issued = next(iter(self._nonces.items()))
            if now - issued.issued <= NONCE_LIFETIME:
                break
            self._drop_nonce(nonce, stale=True)

    def _drop_nonce(self, nonce: str, *, stale: bool) -> None:
        entry = self._nonces.pop(nonce)
        own = self._nonces_of[entry.client]
        del own[nonce]
        if not own:
            del self._nonces_of[entry.client]
        if stale and entry.expected is not None:
            self._stale[entry.expected] = None
            if len(self._stale) > MAX_STALE_NONCES:
                self._stale.popitem(last=False)

    def _clear_nonces(self) -> None:
        self._nonces.clear()
        self._nonces_of.clear()
        self._stale.clear()

    def login(self, username: str, hash_hex: str, client: str) -> str:
        """Check a login hash against every live nonce; return a new session id.

        Only a wrong password counts towards the lockout. Without its nonce the server
        cannot tell a right password from a wrong one, so a hash that matches a nonce
        which was issued but then expired or was pushed out (the last `MAX_STALE_NONCES`
        of them are remembered by the hash they asked for) is refused without counting:
        a flood of challenges may make a user log in again, but never locks them out.
        Guessing such a hash takes the password, so the rule gives a guesser nothing.
        """
        record = self._require_record()
        now = self._clock.monotonic()
        self._check_lockout(client, now)
        self._expire_nonces(now)
        supplied = hash_hex.lower().encode()
        matched: str | None = None
        for nonce, entry in self._nonces.items():
            expected = entry.expected or login_hash(record["verifier"], nonce).encode()
            if hmac.compare_digest(expected, supplied) and matched is None:
                matched = nonce
        if username == USERNAME and matched is None and supplied in self._stale:
            raise AccessDenied("the challenge expired: ask for a new nonce and log in again")
        if username != USERNAME or matched is None:
            self._fail(client, now)
            raise AccessDenied("wrong username or password, or the challenge expired")
        self._drop_nonce(matched, stale=False)
        self._failures.pop(client, None)
        return self._new_session(now)

    def _check_lockout(self, client: str, now: float) -> None:
        failures = self._failures.get(client)
        if failures is None:
            return
        if failures.locked_until > now:
            remaining = math.ceil(failures.locked_until - now)
            raise TooManyAttempts(f"too many failed logins: try again in {remaining} seconds")
        if failures.locked_until:
            del self._failures[client]

    def _fail(self, client: str, now: float) -> None:
        failures = self._failures.pop(client, None) or _Failures()
        failures.count += 1
        log.info("failed login from %s (%d in a row)", client, failures.count)
        if failures.count >= MAX_FAILURES:
            failures.locked_until = now + LOCKOUT_SECONDS
            log.warning("login locked for %s after %d failures", client, failures.count)
        self._failures[client] = failures
        while len(self._failures) > MAX_TRACKED_CLIENTS:
            self._failures.popitem(last=False)

    # -- sessions ---------------------------------------------------------------------

    def _new_session(self, now: float) -> str:
        sid = _random_text(24)  # 192 random bits
        self._sessions[sid] = now
        while len(self._sessions) > MAX_SESSIONS:
            self._sessions.popitem(last=False)
        return sid

    def authorize(self, token: str | None) -> str:
        """Check a `Token`, restarting its 35 s; return it, or raise.

        HTTP trims a header value's surrounding spaces and tabs (RFC 9110, section 5.5),
        so a token sent with them is the same token.
        """
        self._require_record()
        now = self._clock.monotonic()
        token = (token or "").strip(" \t")
        if not token:
            raise TokenError("login required: no Token header")
        last = self._sessions.get(token)
        if last is None or now - last >= SESSION_LIFETIME:
            self._sessions.pop(token, None)
            raise TokenError()
        self._sessions[token] = now
        self._sessions.move_to_end(token)
        return token

    def logout(self, token: str) -> None:
        """End one session."""
        self._sessions.pop(token, None)

    def end_sessions(self, keep: str | None = None) -> None:
        """End every session except `keep`."""
        kept = self._sessions.get(keep) if keep else None
        self._sessions.clear()
        if keep and kept is not None:
            self._sessions[keep] = kept

    def session_count(self) -> int:
        """Return how many sessions are live."""
        now = self._clock.monotonic()
        return sum(1 for last in self._sessions.values() if now - last < SESSION_LIFETIME)

    # -- password -------------------------------------------------------------------------

    def set_admin_pwd(self, username: str, old_pwd: str, new_pwd: str, token: str) -> None:
        """Change the password: new salt and verifier; every other session ends."""
        check_password("new_pwd", new_pwd)
        with self._db.transaction() as tx:
            record = tx.get(_KEY)
            if record is None:
                raise NotInitialized()
            old = password_verifier(old_pwd, record["salt"]).encode()
            if username != USERNAME or not hmac.compare_digest(old, record["verifier"].encode()):
                raise AccessDenied("wrong username or old_pwd")
            tx.put(_KEY, self._record(record["lang"], new_pwd))
        self.end_sessions(keep=token)
        self._clear_nonces()
        log.info("admin password changed; other sessions ended")

    def reset(self) -> None:
        """Forget every session, nonce and lockout (the stored record is erased elsewhere)."""
        self._sessions.clear()
        self._clear_nonces()
        self._failures.clear()
