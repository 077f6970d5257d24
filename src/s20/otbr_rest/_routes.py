"""The resources otbr-agent serves, each answered from the border router's Thread service."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from s20.otcli import DeviceRole
from s20.services.thread import NodeInfo, ThreadService
from s20.thread import Dataset

from ._cjson import JsonValue, cjson
from ._dataset_json import (
    active_json,
    apply_active_json,
    apply_pending_json,
    apply_tlvs,
    pending_json,
    tlvs_text,
)
from ._responses import JSON_API, TEXT, Response, content, empty, error

__all__ = ["ROUTES", "Handler", "Request"]

_PLAIN = "text/plain"
_JSON_API_ACCEPTED = frozenset({"*/*", "application/vnd.api+json"})
_COLLECTION_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Request:
    """What a handler needs of an HTTP request."""

    method: str
    path: str
    accept: str | None
    content_type: str | None
    body: bytes


Handler = Callable[[Request, ThreadService], Awaitable[Response]]


def _leader_data(info: NodeInfo) -> dict[str, JsonValue]:
    data = info.leader_data
    return {
        "partitionId": data.partition_id if data else 0,
        "weighting": data.weighting if data else 0,
        "dataVersion": data.data_version if data else 0,
        "stableDataVersion": data.stable_data_version if data else 0,
        "leaderRouterId": data.leader_router_id if data else 0,
    }


def _role(role: DeviceRole) -> str:
    return role.name.lower()


async def get_node(_request: Request, thread: ThreadService) -> Response:
    """Answer `GET /node`: the node's identity, role, addresses and leader data."""
    info = await thread.node_info()
    node: dict[str, JsonValue] = {
        "baId": info.ba_id,
        "baState": "",
        "state": _role(info.role),
        "routerCount": info.router_count,
        "rlocAddress": str(info.rloc_address),
        "extAddress": info.ext_address,
        "networkName": info.network_name,
        "rloc16": f"0x{info.rloc16:04x}",
    }
    if info.rloc16 & 0x1FF == 0:  # a router's RLOC16 has no child bits
        node["routerId"] = info.rloc16 >> 10
    node["leaderData"] = _leader_data(info)
    node["extPanId"] = info.ext_pan_id
    return content(node)


async def delete_node(_request: Request, thread: ThreadService) -> Response:
    """Answer `DELETE /node`: erase the Thread side (the agent's factory reset)."""
    await thread.reset_thread()
    return empty()


async def get_state(_request: Request, thread: ThreadService) -> Response:
    """Answer `GET /node/state`: the role's name."""
    return content(_role(await thread.role()))


async def put_state(request: Request, thread: ThreadService) -> Response:
    """Answer `PUT /node/state`: `"enable"` or `"disable"` Thread."""
    try:
        wanted = json.loads(request.body)
    except (UnicodeDecodeError, ValueError):
        wanted = None
    if wanted not in ("enable", "disable"):
        return error(405)
    await thread.set_enabled(wanted == "enable")
    return empty()


def _node_field(pick: Callable[[NodeInfo], JsonValue]) -> Handler:
    async def handler(_request: Request, thread: ThreadService) -> Response:
        return content(pick(await thread.node_info()))

    return handler


async def get_leader_data(_request: Request, thread: ThreadService) -> Response:
    """Answer `GET /node/leader-data`; 500 while in no partition, as the agent."""
    info = await thread.node_info()
    if info.leader_data is None:  # in no partition: the agent's read fails
        return error(500)
    return content(_leader_data(info))


async def get_coprocessor_version(_request: Request, thread: ThreadService) -> Response:
    """Answer `GET /node/coprocessor/version`."""
    return content(await thread.coprocessor_version())


@functools.lru_cache(maxsize=16)
def _active_body(tlvs: str) -> bytes:
    # Home Assistant polls a dataset that rarely changes: decode and print it once.
    return cjson(active_json(Dataset.from_tlvs(tlvs)))


def _pending_body(tlvs: str) -> bytes:
    return cjson(pending_json(Dataset.from_tlvs(tlvs)))  # its delay changes every read


def _dataset_get(read: Callable[[ThreadService], Awaitable[str | None]], pending: bool) -> Handler:
    body = _pending_body if pending else _active_body

    async def handler(request: Request, thread: ThreadService) -> Response:
        tlvs = await read(thread)
        if tlvs is None:
            return empty(204)
        if request.accept == _PLAIN:
            return content(tlvs_text(tlvs), TEXT)
        return content(body(tlvs))

    return handler


async def put_active(request: Request, thread: ThreadService) -> Response:
    """Answer `PUT /node/dataset/active` in JSON or hex TLV form."""
    is_tlv = request.content_type == _PLAIN
    change = apply_tlvs(request.body) if is_tlv else apply_active_json(request.body)
    created = await thread.update_active_dataset(change)
    return empty(201 if created else 200)


async def put_pending(request: Request, thread: ThreadService) -> Response:
    """Answer `PUT /node/dataset/pending` in JSON or hex TLV form."""
    is_tlv = request.content_type == _PLAIN
    change = apply_tlvs(request.body) if is_tlv else apply_pending_json(request.body)
    created = await thread.update_pending_dataset(change)
    return empty(201 if created else 200)


async def get_commissioner_state(_request: Request, thread: ThreadService) -> Response:
    """Answer `GET /node/commissioner/state`."""
    return content("active" if await thread.commissioner_state() else "disabled")


async def get_commissioner_joiners(_request: Request, thread: ThreadService) -> Response:
    """Answer `GET /node/commissioner/joiner`: the commissioner's joiner entries."""
    joiners: list[JsonValue] = []
    for entry in await thread.commissioner_joiners():
        joiner: dict[str, JsonValue] = {"pskd": entry.pskd}
        if entry.eui64 is not None:
            joiner["eui"] = entry.eui64
        elif entry.discerner is not None:
            discerner = entry.discerner
            joiner["discerner"] = f"0x{discerner.value:016x}/{discerner.length}"
        else:
            joiner["joinerId"] = "*"
        joiner["timeout"] = entry.expiration_ms
        joiners.append(joiner)
    return content(joiners)


def _accepts_json_api(accept: str | None) -> bool:
    # The agent compares the whole header; a client that sends none gets 406.
    return accept in _JSON_API_ACCEPTED


def _empty_collection(**counts: int) -> Handler:
    """A JSON:API collection this border router keeps empty (it runs no actions)."""

    async def handler(request: Request, _thread: ThreadService) -> Response:
        if not _accepts_json_api(request.accept):
            return error(406)
        collection: dict[str, JsonValue] = {
            "offset": 0,
            "limit": _COLLECTION_LIMIT,
            "total": 0,
            **counts,
        }
        return content({"data": [], "meta": {"collection": collection}}, JSON_API)

    return handler


ROUTES: Mapping[str, Mapping[str, Handler]] = {
    "/node": {"GET": get_node, "DELETE": delete_node},
    "/node/state": {"GET": get_state, "PUT": put_state},
    "/node/ba-id": {"GET": _node_field(lambda info: info.ba_id)},
    "/node/ext-address": {"GET": _node_field(lambda info: info.ext_address)},
    "/node/rloc16": {"GET": _node_field(lambda info: info.rloc16)},
    "/node/rloc": {"GET": _node_field(lambda info: str(info.rloc_address))},
    "/node/network-name": {"GET": _node_field(lambda info: info.network_name)},
    "/node/ext-panid": {"GET": _node_field(lambda info: info.ext_pan_id)},
    "/node/leader-data": {"GET": get_leader_data},
    "/node/num-of-router": {"GET": _node_field(lambda info: info.router_count)},
    "/node/coprocessor/version": {"GET": get_coprocessor_version},
    "/node/dataset/active": {
        "GET": _dataset_get(ThreadService.active_dataset_tlvs, pending=False),
        "PUT": put_active,
    },
    "/node/dataset/pending": {
        "GET": _dataset_get(ThreadService.pending_dataset_tlvs, pending=True),
        "PUT": put_pending,
    },
    "/node/commissioner/state": {"GET": get_commissioner_state},
    "/node/commissioner/joiner": {"GET": get_commissioner_joiners},
    "/api/actions": {"GET": _empty_collection(pending=0)},
    "/api/diagnostics": {"GET": _empty_collection()},
}
