"""The CA certificates the device trusts for its HTTPS downloads (feed, images, certificates)."""

from __future__ import annotations

import logging
import ssl
from typing import TYPE_CHECKING

from s20.errors import InvalidParams, OperationFailed
from s20.store import Database

from ._download import Downloader, DownloadError

if TYPE_CHECKING:
    from cryptography import x509

__all__ = ["MAX_PEM", "CertificateService", "parse_pem_certificates"]

log = logging.getLogger(__name__)

MAX_PEM = 1 << 20  # a CA bundle is tens of kilobytes; this leaves room for a large one
_KEY = "ca_certificates"


def parse_pem_certificates(data: bytes) -> list[x509.Certificate]:
    """Return the X.509 certificates in PEM `data`; raise `ValueError` if there are none."""
    # Imported on first use: X.509 parsing is rare, and the daemon starts faster without it.
    from cryptography import x509

    try:
        certificates = x509.load_pem_x509_certificates(data)
    except ValueError:
        raise ValueError("must be X.509 certificates in PEM") from None
    if not certificates:
        raise ValueError("must be X.509 certificates in PEM")
    return certificates


class CertificateService:
    """Keeps the uploaded CA certificates; they are trusted beside the system's own.

    A new upload replaces the previous one only once it has parsed as X.509 PEM: anything
    else is -32602 and the certificates in use stay as they were.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self.downloader = Downloader(self.ssl_context)

    def pem(self) -> str:
        """Return the uploaded certificates as PEM ("" when none)."""
        return str(self._db.get(_KEY, ""))

    def ssl_context(self) -> ssl.SSLContext:
        """Return a TLS client context trusting the system's CAs and the uploaded ones."""
        context = ssl.create_default_context()
        if pem := self.pem():
            context.load_verify_locations(cadata=pem)
        return context

    def upload(self, field: str, data: bytes) -> int:
        """Trust the certificates in PEM `data` instead of the previous upload; return how many."""
        if len(data) > MAX_PEM:
            raise InvalidParams(f"{field} must be at most {MAX_PEM} bytes")
        try:
            certificates = parse_pem_certificates(data)
        except ValueError as exc:
            raise InvalidParams(f"{field} {exc}") from None
        from cryptography.hazmat.primitives.serialization import Encoding

        pem = "".join(c.public_bytes(Encoding.PEM).decode("ascii") for c in certificates)
        try:
            ssl.create_default_context().load_verify_locations(cadata=pem)
        except ssl.SSLError as exc:
            raise InvalidParams(f"{field} holds a certificate TLS cannot use: {exc}") from None
        self._db.put(_KEY, pem)
        subjects = ", ".join(c.subject.rfc4514_string() for c in certificates)
        log.info("trusting %d uploaded CA certificate(s): %s", len(certificates), subjects)
        return len(certificates)

    async def download(self, url: str) -> int:
        """Fetch PEM certificates from `url` (checked by the caller) and trust them."""
        try:
            data = await self.downloader.fetch(url, MAX_PEM)
        except DownloadError as exc:
            raise OperationFailed(f"certificate download failed: {exc}") from None
        return self.upload("url (the downloaded file)", data)
