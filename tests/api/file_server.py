"""A small HTTP(S) file server on 127.0.0.1 for download tests, and a CA to sign its TLS."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

__all__ = ["CA", "Held", "Served", "Truncated", "serve_files"]


@dataclass(frozen=True)
class Truncated:
    """A body that announces `declared` bytes, sends `body`, and hangs up."""

    body: bytes
    declared: int


@dataclass(frozen=True)
class Held:
    """A body sent only once `release` is set (or after 10 s), to keep a download running."""

    body: bytes
    release: threading.Event


class Served:
    """What the server offers (path -> bytes or Truncated), and what it was asked for."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.files: dict[str, bytes | Truncated | Held] = {}
        self.requests: list[str] = []

    def url(self, path: str) -> str:
        return self.base + path


def _handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(self.path)
            entry = served.files.get(self.path)
            if entry is None:
                self.send_error(404)
                return
            declared: int | None = None
            if isinstance(entry, Held):
                entry.release.wait(10)
                body = entry.body
            elif isinstance(entry, Truncated):
                body, declared = entry.body, entry.declared
            else:
                body = entry
            self.send_response(200)
            self.send_header("Content-Length", str(declared if declared else len(body)))
            self.end_headers()
            self.wfile.write(body)
            if declared:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            return None

    return Handler


@contextmanager
def serve_files(tls: ssl.SSLContext | None = None) -> Iterator[Served]:
    """Serve files on a free port of 127.0.0.1 (HTTPS with `tls`) until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Served("")))
    scheme = "http"
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    served = Served(f"{scheme}://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(served)
    # A short poll interval: shutdown() waits for the loop to notice, up to one interval.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


class CA:
    """A certificate authority made for one test, and server certificates it signs."""

    def __init__(self, common_name: str = "s20 test CA") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(_name(common_name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def server_context(self, folder: Path) -> ssl.SSLContext:
        """Return a TLS server context for 127.0.0.1 with a certificate this CA signed."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name("127.0.0.1"))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=7))
            .add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        folder.mkdir(parents=True, exist_ok=True)
        cert_file, key_file = folder / "server.pem", folder / "server.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        return context
