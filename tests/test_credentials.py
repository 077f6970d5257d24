"""The login hash against the vector computed with crypto-js."""

from s20.credentials import login_hash, password_verifier

# Computed with crypto-js, as in the device document's snippet.
PASSWORD, SALT, NONCE = "goodlife-2026", "ZmVhMjk5", "N2E1NDAwNjIzZGMzY2QxYjQyY2VlZTEx"
VERIFIER = "gZ2lsG+SlkMhXvVQ6I2FhbqvLH+CHgKq0C4/GobHgxw="
HASH = "1aefe98bc0b14dbcc09faaf637e2b1b9"


def test_verifier_matches_crypto_js() -> None:
    assert password_verifier(PASSWORD, SALT) == VERIFIER


def test_login_hash_matches_crypto_js() -> None:
    assert login_hash(VERIFIER, NONCE) == HASH


def test_salt_is_the_key_not_the_message() -> None:
    assert password_verifier(SALT, PASSWORD) != VERIFIER
