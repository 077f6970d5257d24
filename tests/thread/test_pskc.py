"""PSKc derivation (PBKDF2 with AES-CMAC-PRF-128) against OpenThread and RFC 4615."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.cmac import CMAC

from s20.thread import RuleError, pskc
from s20.thread._pskc import _pbkdf2_aes_cmac, _prf_key


def _unescape(arg: str) -> str:
    return arg.replace("\\ ", " ")


def test_pskc_matches_transcript_03(timeline) -> None:
    # 03_pskc.txt:10 networkname, :17 extpanid, :24 `pskc -p`, :29 the PSKc it printed.
    commands = {c.line: c for c in timeline("03_pskc.txt")}
    network_name = _unescape(commands[10].text.removeprefix("networkname "))
    ext_pan_id = bytes.fromhex(commands[17].text.removeprefix("extpanid "))
    passphrase = commands[24].text.removeprefix("pskc -p ")
    expected = commands[27].lines[0]
    assert (network_name, ext_pan_id.hex(), passphrase) == (
        "Test Network",
        "0001020304050607",
        "12SECRETPASSWORD34",
    )
    assert pskc(passphrase, network_name, ext_pan_id).hex() == expected
    assert expected == "c3f59368445a1b6106be420a706d4cc9"


def test_dataset_pskc_variant_agrees(timeline) -> None:
    # 03_pskc.txt:35-46: `dataset pskc -p` over the dataset buffer gives the same PSKc.
    commands = {c.line: c for c in timeline("03_pskc.txt")}
    assert commands[44].lines == ["c3f59368445a1b6106be420a706d4cc9"]
    name = _unescape(commands[35].text.removeprefix("dataset networkname "))
    ext = bytes.fromhex(commands[38].text.removeprefix("dataset extpanid "))
    assert pskc("12SECRETPASSWORD34", name, ext).hex() == commands[44].lines[0]


# RFC 4615 section 4: AES-CMAC-PRF-128 with an 18-, a 16- and a 10-byte key.
_RFC4615_MESSAGE = bytes.fromhex("000102030405060708090a0b0c0d0e0f10111213")


@pytest.mark.parametrize(
    ("key", "output"),
    [
        ("000102030405060708090a0b0c0d0e0fedcb", "84a348a4a45d235babfffc0d2b4da09a"),
        ("000102030405060708090a0b0c0d0e0f", "980ae87b5f4c9c5214f5b6a8455e4c2d"),
        ("00010203040506070809", "290d9e112edb09ee141fcf64c0b72f3d"),
    ],
)
def test_prf_follows_rfc_4615(key: str, output: str) -> None:
    mac = CMAC(algorithms.AES(_prf_key(bytes.fromhex(key))))
    mac.update(_RFC4615_MESSAGE)
    assert mac.finalize().hex() == output


def test_pbkdf2_loop_matches_the_definition() -> None:
    # Two iterations and two blocks, spelled out: T_i = U1 xor U2, U1 = PRF(P, S || INT(i)).
    password, salt = b"passphrase", b"salt"

    def prf(message: bytes) -> bytes:
        mac = CMAC(algorithms.AES(_prf_key(password)))
        mac.update(message)
        return mac.finalize()

    blocks = b""
    for i in (1, 2):
        u1 = prf(salt + i.to_bytes(4, "big"))
        u2 = prf(u1)
        blocks += bytes(a ^ b for a, b in zip(u1, u2, strict=True))
    assert _pbkdf2_aes_cmac(password, salt, 2, 20) == blocks[:20]


def test_sixteen_byte_passphrase_is_used_as_the_key() -> None:
    # A 16-byte key skips the RFC 4615 reduction; the result must differ from a 17-byte one.
    ext = bytes.fromhex("dead00beef00cafe")
    sixteen = pskc("0123456789ABCDEF", "GLS20-Test", ext)
    seventeen = pskc("0123456789ABCDEFG", "GLS20-Test", ext)
    assert len(sixteen) == 16
    assert sixteen != seventeen


def test_every_input_changes_the_pskc() -> None:
    ext = bytes.fromhex("0001020304050607")
    base = pskc("12SECRETPASSWORD34", "Test Network", ext)
    assert pskc("12SECRETPASSWORD35", "Test Network", ext) != base
    assert pskc("12SECRETPASSWORD34", "Test Network2", ext) != base
    assert pskc("12SECRETPASSWORD34", "Test Network", bytearray(ext)) == base  # type: ignore[arg-type]
    assert pskc("12SECRETPASSWORD34", "Test Network", bytes(8)) != base


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("goodlife", "GLS20", b"1234567"), "extended PAN ID must be 8 bytes"),
        (("goodlife", "GLS20", "0001020304050607"), "extended PAN ID must be 8 bytes"),
        (("goodlife", 42, bytes(8)), "network name must be text"),
        (("good\udc80life", "GLS20", bytes(8)), "passphrase must be valid UTF-8 text"),
    ],
)
def test_bad_inputs_are_refused(args: tuple[object, object, object], message: str) -> None:
    with pytest.raises(RuleError, match=message):
        pskc(*args)  # type: ignore[arg-type]


def test_one_keyed_cmac_serves_every_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keying AES per iteration costs about 6x (40 ms against 7 ms on the build machine).
    import s20.thread._pskc as module

    made: list[object] = []

    def counting_cmac(algorithm: algorithms.AES) -> CMAC:
        made.append(algorithm)
        return CMAC(algorithm)

    monkeypatch.setattr(module, "CMAC", counting_cmac)
    result = pskc("12SECRETPASSWORD34", "Test Network", bytes.fromhex("0001020304050607"))
    assert result.hex() == "c3f59368445a1b6106be420a706d4cc9"
    assert len(made) == 2  # the RFC 4615 key reduction, then the one keyed CMAC
