"""`dataset ...`: the dataset buffer, its setters, commit, and the stored datasets.

Setters write the CLI's buffer, moving the TLV to the end as OpenThread does (transcript
02's `dataset tlvs`). Out-of-range channels are taken into the buffer and only refused
when the buffer is printed or committed, exactly as the recording shows.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from s20.thread import (
    ChannelMask,
    Dataset,
    DatasetError,
    RuleError,
    SecurityPolicy,
    Timestamp,
    pskc,
)

from ._cli import Handler
from ._cli_args import parse_hex, parse_ip6, parse_uint, require
from ._datasets import is_valid, new_random_dataset, prefix_text
from ._errors import CliError, OtError

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["COMMANDS"]

_MAX_TIMESTAMP = (1 << 48) - 1
_FLAG_LETTERS = "onrcCepR"


def _print(node: VirtualNode, dataset: Dataset, hex_form: bool) -> None:
    if hex_form:
        node.print_line(dataset.to_hex())
    else:
        for line in dataset.text_lines():
            node.print_line(line)


def _parse_tlvs(text: str) -> Dataset:
    try:
        return Dataset.from_tlvs(text)
    except DatasetError:
        raise CliError(OtError.INVALID_ARGS) from None


def _show_stored(node: VirtualNode, args: list[str], dataset: Dataset | None) -> None:
    require(args in ([], ["-x"]))
    if dataset is None:
        raise CliError(OtError.NOT_FOUND)
    _print(node, dataset, bool(args))


def _policy_from_text(args: list[str]) -> SecurityPolicy:
    rotation = parse_uint(args[0], 16)
    letters = args[1] if len(args) > 1 else ""
    require(set(letters) <= set(_FLAG_LETTERS))
    threshold = parse_uint(args[2], 3) if len(args) > 2 else 0
    require(len(args) <= 3)
    on = {letter: letter in letters for letter in _FLAG_LETTERS}
    first = (
        on["o"] << 7
        | on["n"] << 6
        | on["r"] << 5
        | on["c"] << 4
        | (not on["C"]) << 2
        | (not on["e"]) << 1
        | (not on["p"])
    )
    second = 0x80 | (not on["R"]) << 6 | 0x38 | threshold
    return SecurityPolicy(rotation, bytes((first, second)))


def _dataset_pskc(node: VirtualNode, args: list[str]) -> bytes:
    if args[0] != "-p":
        return parse_hex(args[0], 16)
    require(len(args) == 2)
    buffer, params = node.datasets.buffer, node.params
    name = buffer.network_name if buffer.network_name is not None else params.network_name
    ext_pan_id = buffer.ext_pan_id if buffer.ext_pan_id is not None else params.ext_pan_id
    require(6 <= len(args[1].encode("utf-8")) <= 255)
    try:
        return pskc(args[1], name, ext_pan_id)
    except RuleError:
        raise CliError(OtError.INVALID_ARGS) from None


def _timestamp(text: str) -> Timestamp:
    seconds = parse_uint(text, 64)
    require(seconds <= _MAX_TIMESTAMP)
    return Timestamp(seconds)


def _mesh_local(text: str) -> ipaddress.IPv6Network:
    return ipaddress.IPv6Network((parse_ip6(text)[:8] + bytes(8), 64))


# name -> (dataset field, value from the arguments, text of the value)
_FIELDS: dict[str, tuple[str, Callable[[VirtualNode, list[str]], Any], Callable[[Any], str]]] = {
    "activetimestamp": (
        "active_timestamp",
        lambda n, a: _timestamp(a[0]),
        lambda v: str(v.seconds),
    ),
    "pendingtimestamp": (
        "pending_timestamp",
        lambda n, a: _timestamp(a[0]),
        lambda v: str(v.seconds),
    ),
    "channel": ("channel", lambda n, a: parse_uint(a[0], 16), str),
    "wakeupchannel": ("wakeup_channel", lambda n, a: parse_uint(a[0], 16), str),
    "channelmask": (
        "channel_mask",
        lambda n, a: ChannelMask(parse_uint(a[0], 32)),
        lambda v: v.text,
    ),
    "delay": ("delay_timer", lambda n, a: parse_uint(a[0], 32), str),
    "extpanid": ("ext_pan_id", lambda n, a: parse_hex(a[0], 8), bytes.hex),
    "meshlocalprefix": ("mesh_local_prefix", lambda n, a: _mesh_local(a[0]), prefix_text),
    "networkkey": ("network_key", lambda n, a: parse_hex(a[0], 16), bytes.hex),
    "networkname": ("network_name", lambda n, a: a[0], str),
    "panid": ("pan_id", lambda n, a: parse_uint(a[0], 16), lambda v: f"0x{v:04x}"),
    "pskc": ("pskc", _dataset_pskc, bytes.hex),
    "securitypolicy": ("security_policy", lambda n, a: _policy_from_text(a), lambda v: v.text),
}
# Setters that take exactly one argument (the others check their own arguments).
_SINGLE = set(_FIELDS) - {"pskc", "securitypolicy"}


def _field(node: VirtualNode, name: str, args: list[str]) -> None:
    attribute, parse, text = _FIELDS[name]
    buffer = node.datasets.buffer
    if not args:
        value = getattr(buffer, attribute)
        if value is not None:
            node.print_line(text(value))
        return
    if name in _SINGLE:
        require(len(args) == 1)
    value = parse(node, args)
    try:
        node.datasets.buffer = buffer.replace(**{attribute: value})
    except DatasetError:
        raise CliError(OtError.INVALID_ARGS) from None


def _init(node: VirtualNode, args: list[str]) -> None:
    store = node.datasets
    match args:
        case ["new"]:
            store.buffer = new_random_dataset(node.rng)
        case ["active"]:
            require(store.active is not None, OtError.NOT_FOUND)
            store.buffer = store.active or Dataset()
        case ["pending"]:
            pending = store.pending_now(node.clock.monotonic())
            require(pending is not None, OtError.NOT_FOUND)
            store.buffer = pending or Dataset()
        case ["tlvs", text]:
            store.buffer = _parse_tlvs(text)
        case _:
            raise CliError(OtError.INVALID_ARGS)


def _commit(node: VirtualNode, which: str, dataset: Dataset) -> None:
    require(is_valid(dataset))
    if which == "active":
        node.commit_active(dataset)
    else:
        node.commit_pending(dataset)


def dataset(node: VirtualNode, args: list[str]) -> None:
    store = node.datasets
    if not args:
        require(is_valid(store.buffer))
        _print(node, store.buffer, False)
        return
    command, rest = args[0], args[1:]
    match command:
        case "active":
            _show_stored(node, rest, store.active)
        case "pending":
            _show_stored(node, rest, store.pending_now(node.clock.monotonic()))
        case "init":
            _init(node, rest)
        case "clear":
            store.buffer = Dataset()
        case "commit":
            require(rest in (["active"], ["pending"]))
            _commit(node, rest[0], store.buffer)
        case "set":
            require(len(rest) == 2 and rest[0] in ("active", "pending"))
            _commit(node, rest[0], _parse_tlvs(rest[1]))
        case "tlvs":
            node.print_line(store.buffer.to_hex())
        case name if name in _FIELDS:
            _field(node, name, rest)
        case "mgmtgetcommand" | "mgmtsetcommand" | "updater":
            raise CliError(OtError.NOT_IMPLEMENTED)
        case _:
            raise CliError(OtError.INVALID_COMMAND)


COMMANDS: dict[str, Handler] = {"dataset": dataset}
