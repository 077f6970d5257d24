"""`/otbr/*`: the Thread border router, all 21 endpoints (shapes only; rules in services)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import ConfigDict

from s20.services.thread import (
    EXPORT_VERSION,
    MAX_JOINERS,
    REJOIN_TYPES,
    ConfigChange,
    JoinRequest,
)
from s20.thread import TX_POWER_MAX, TX_POWER_MIN, WILDCARD

from . import _fields as field
from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Limits, Result, documented

__all__ = ["router"]

router = APIRouter(prefix="/otbr", tags=["otbr"], dependencies=[Depends(require_session)])


class JoinBody(RequestBody):
    # networkKeyType attaches with the key; pskdType runs the MeshCoP joiner with PSKd.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"CredentialType": {"const": "networkKeyType"}}},
            "then": {"required": ["NetworkKey", "Channel", "PanId"]},
            "else": {"required": ["PSKd"]},
        }
    )
    CredentialType: Annotated[str, Limits(enum=["networkKeyType", "pskdType"])]
    NetworkKey: field.NetworkKey | None = None
    PSKd: field.Pskd | None = None
    Channel: field.Channel | None = None
    PanId: field.PanId | None = None


class JoinStatusBody(RequestBody):
    CredentialType: str | None = None


class SetConfigBody(RequestBody):
    NetworkName: field.NetworkName | None = None
    ExtPanId: field.ExtPanId | None = None
    PanId: field.PanId | None = None
    Passphrase: field.Passphrase | None = None
    NetworkKey: field.NetworkKey | None = None
    Channel: field.Channel | None = None


class TxPowerBody(RequestBody):
    TXPower: Annotated[int, Limits(minimum=TX_POWER_MIN, maximum=TX_POWER_MAX, description="dBm")]


class CommissioningBody(RequestBody):
    Enable: bool


class AddJoinerBody(RequestBody):
    PSKd: field.Pskd
    Timeout: field.Timeout = 120
    EUI64: field.JoinerEui64 = WILDCARD.value


class RejoinBody(RequestBody):
    Type: Annotated[
        int, Limits(enum=sorted(REJOIN_TYPES), description="1 timed out, 2 joined, 3 all")
    ]
    Timeout: field.Timeout = 120


class RemoveJoinersBody(RequestBody):
    DeviceList: list[field.JoinerEui64]


class ImportedJoiner(RequestBody):
    EUI64: field.JoinerEui64
    PSKd: field.Pskd


class ImportJoinersBody(RequestBody):
    joiner_list_version: Annotated[str, Limits(enum=[EXPORT_VERSION])]
    DeviceList: Annotated[list[ImportedJoiner], Limits(maxItems=MAX_JOINERS)]


class CommitJoinersBody(RequestBody):
    Timeout: field.Timeout = 120


# -- results ------------------------------------------------------------------------------


class GeneratedNetwork(Result):
    Channel: int
    ExtPanId: str
    NetworkKey: str
    NetworkName: str
    PanId: Annotated[str, Limits(description='"0x" and 4 hex digits, or "" without one')]
    PSKc: str
    Passphrase: str
    MeshLocalPrefix: str
    ActiveDataset: str


class Network(GeneratedNetwork):
    OnMeshPrefix: str
    IPv6: list[str]


class Rcp(Result):
    State: Annotated[int, Limits(minimum=0, maximum=4, description="0 disabled .. 4 leader")]
    RCPVersion: str
    ExtAddress: str
    EUI64: str
    TXPower: int
    Rloc16: int


class StatusResult(Result):
    OpenThreadVersionAPI: str
    OTBRVersion: str
    ThreadVersion: str
    Network: Network
    RCP: Rcp


class ScannedNetwork(Result):
    Channel: int
    Rssi: int
    Lqi: int
    NetworkName: str
    ExtPanId: str
    PanId: int


class ScanResult(Result):
    ScanList: list[ScannedNetwork]


class JoinStatusResult(Result):
    status: Annotated[int, Limits(minimum=0, maximum=6, description="0 idle .. 5 joined, 6 failed")]
    fail_msg: str


class GenerateResult(Result):
    Network: GeneratedNetwork


class StateResult(Result):
    State: Literal[0, 1]


class JoinerEntry(Result):
    EUI64: str
    Status: Annotated[int, Limits(minimum=0, maximum=3, description="0 ready .. 3 timeout")]
    PSKd: str
    Timeout: int
    AddTime: int
    JoinedTime: int


class JoinerListResult(Result):
    DeviceList: list[JoinerEntry]


class ExportedJoiner(Result):
    EUI64: str
    PSKd: str


class ExportResult(Result):
    joiner_list_version: str
    DeviceList: list[ExportedJoiner]


@router.get("/get_status", **documented(result=StatusResult))
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report versions, the network and the radio, as the radio reports them."""
    return ok(await device.thread.get_status())


@router.get("/scan", **documented(result=ScanResult))
async def scan(device: DeviceDep) -> JSONResponse:
    """Discover the Thread networks in range (takes about 5 s)."""
    return ok({"ScanList": await device.thread.scan()})


@router.post("/join", **documented(body=JoinBody))
async def join(
    device: DeviceDep, body: Annotated[JoinBody, Depends(json_body(JoinBody))]
) -> JSONResponse:
    """Start joining a network by network key or by PSKd (MeshCoP joiner)."""
    await device.thread.join(
        JoinRequest(
            credential_type=body.CredentialType,
            network_key=body.NetworkKey,
            pskd=body.PSKd,
            channel=body.Channel,
            pan_id=body.PanId,
        )
    )
    return ok()


@router.post("/get_join_status", **documented(body=JoinStatusBody, result=JoinStatusResult))
async def get_join_status(
    device: DeviceDep, _body: Annotated[JoinStatusBody, Depends(json_body(JoinStatusBody))]
) -> JSONResponse:
    """Report the joiner's progress (0 idle .. 5 joined, 6 failed)."""
    return ok(await device.thread.join_status())


@router.post("/set_config", **documented(body=SetConfigBody))
async def set_config(
    device: DeviceDep, body: Annotated[SetConfigBody, Depends(json_body(SetConfigBody))]
) -> JSONResponse:
    """Change the network; all given fields are checked together and applied as one."""
    await device.thread.set_config(
        ConfigChange(
            network_name=body.NetworkName,
            ext_pan_id=body.ExtPanId,
            pan_id=body.PanId,
            passphrase=body.Passphrase,
            network_key=body.NetworkKey,
            channel=body.Channel,
        )
    )
    return ok()


@router.post("/stop", **documented())
async def stop(device: DeviceDep) -> JSONResponse:
    """Turn Thread off."""
    await device.thread.stop_thread()
    return ok()


@router.post("/start", **documented())
async def start(device: DeviceDep) -> JSONResponse:
    """Turn Thread on with the stored network."""
    await device.thread.start_thread()
    return ok()


@router.get("/generate_thread_network", **documented(result=GenerateResult))
async def generate_thread_network(device: DeviceDep) -> JSONResponse:
    """Make a new random network, keeping channel, TX power and passphrase."""
    return ok({"Network": await device.thread.generate_network()})


# Documented as GET; POST is accepted too (docs/contract.md §4), as its own OpenAPI operation.
router.add_api_route(
    "/generate_thread_network",
    generate_thread_network,
    methods=["POST"],
    operation_id="generate_thread_network_post",
    **documented(result=GenerateResult),
)


@router.post("/set_txpower", **documented(body=TxPowerBody))
async def set_txpower(
    device: DeviceDep, body: Annotated[TxPowerBody, Depends(json_body(TxPowerBody))]
) -> JSONResponse:
    """Set the radio's transmit power in dBm."""
    await device.thread.set_txpower(body.TXPower)
    return ok()


@router.post("/set_commissioning", **documented(body=CommissioningBody))
async def set_commissioning(
    device: DeviceDep, body: Annotated[CommissioningBody, Depends(json_body(CommissioningBody))]
) -> JSONResponse:
    """Turn the commissioner on or off."""
    await device.thread.set_commissioning(body.Enable)
    return ok()


@router.get("/get_commissioning_status", **documented(result=StateResult))
async def get_commissioning_status(device: DeviceDep) -> JSONResponse:
    """Report whether the commissioner is active."""
    return ok({"State": await device.thread.commissioner_state()})


@router.post("/add_joiner", **documented(body=AddJoinerBody))
async def add_joiner(
    device: DeviceDep, body: Annotated[AddJoinerBody, Depends(json_body(AddJoinerBody))]
) -> JSONResponse:
    """Add (or replace) a joiner entry."""
    await device.thread.joiners.add(body.EUI64, body.PSKd, body.Timeout)
    return ok()


@router.post("/rejoin_all", **documented(body=RejoinBody))
async def rejoin_all(
    device: DeviceDep, body: Annotated[RejoinBody, Depends(json_body(RejoinBody))]
) -> JSONResponse:
    """Re-arm timed-out, joined, or all entries."""
    await device.thread.joiners.rejoin_all(body.Type, body.Timeout)
    return ok()


@router.get("/get_joiner_list", **documented(result=JoinerListResult))
async def get_joiner_list(device: DeviceDep) -> JSONResponse:
    """List the joiner table."""
    return ok({"DeviceList": device.thread.joiners.entries()})


@router.post("/remove_joiner_list", **documented(body=RemoveJoinersBody))
async def remove_joiner_list(
    device: DeviceDep, body: Annotated[RemoveJoinersBody, Depends(json_body(RemoveJoinersBody))]
) -> JSONResponse:
    """Remove the named entries (unknown names are ignored)."""
    await device.thread.joiners.remove(body.DeviceList)
    return ok()


@router.get("/export_joiner_list", **documented(result=ExportResult))
async def export_joiner_list(device: DeviceDep) -> JSONResponse:
    """Export the table as EUI64/PSKd pairs."""
    return ok(device.thread.joiners.export())


@router.post("/import_joiner_list", **documented(body=ImportJoinersBody))
async def import_joiner_list(
    device: DeviceDep, body: Annotated[ImportJoinersBody, Depends(json_body(ImportJoinersBody))]
) -> JSONResponse:
    """Validate and stage an exported list (commit applies it)."""
    device.thread.joiners.stage(
        body.joiner_list_version, [(d.EUI64, d.PSKd) for d in body.DeviceList]
    )
    return ok()


@router.post("/commit_joiner_list", **documented(body=CommitJoinersBody))
async def commit_joiner_list(
    device: DeviceDep, body: Annotated[CommitJoinersBody, Depends(json_body(CommitJoinersBody))]
) -> JSONResponse:
    """Merge the staged list into the joiner table, all or nothing."""
    await device.thread.joiners.commit(body.Timeout)
    return ok()


@router.get("/get_bbr_status", **documented(result=StateResult))
async def get_bbr_status(device: DeviceDep) -> JSONResponse:
    """Report whether the backbone router is active."""
    return ok({"State": await device.thread.bbr_state()})


@router.post("/enable_bbr", **documented())
async def enable_bbr(device: DeviceDep) -> JSONResponse:
    """Turn the backbone router on."""
    await device.thread.set_bbr(True)
    return ok()


@router.post("/disable_bbr", **documented())
async def disable_bbr(device: DeviceDep) -> JSONResponse:
    """Turn the backbone router off."""
    await device.thread.set_bbr(False)
    return ok()
