"""`/otbr/*`: the Thread border router, all 21 endpoints (shapes only; rules in services)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.services.thread import ConfigChange, JoinRequest

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema

__all__ = ["router"]

router = APIRouter(prefix="/otbr", tags=["otbr"], dependencies=[Depends(require_session)])


class JoinBody(RequestBody):
    CredentialType: str
    NetworkKey: str | None = None
    PSKd: str | None = None
    Channel: int | None = None
    PanId: int | str | None = None


class JoinStatusBody(RequestBody):
    CredentialType: str | None = None


class SetConfigBody(RequestBody):
    NetworkName: str | None = None
    ExtPanId: str | None = None
    PanId: int | str | None = None
    Passphrase: str | None = None
    NetworkKey: str | None = None
    Channel: int | None = None


class TxPowerBody(RequestBody):
    TXPower: int


class CommissioningBody(RequestBody):
    Enable: bool


class AddJoinerBody(RequestBody):
    PSKd: str
    Timeout: int = 120
    EUI64: str = "*"


class RejoinBody(RequestBody):
    Type: int
    Timeout: int = 120


class RemoveJoinersBody(RequestBody):
    DeviceList: list[str]


class ImportedJoiner(RequestBody):
    EUI64: str
    PSKd: str


class ImportJoinersBody(RequestBody):
    joiner_list_version: str
    DeviceList: list[ImportedJoiner]


class CommitJoinersBody(RequestBody):
    Timeout: int = 120


@router.get("/get_status")
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report versions, the network and the radio, as the radio reports them."""
    return ok(await device.thread.get_status())


@router.get("/scan")
async def scan(device: DeviceDep) -> JSONResponse:
    """Discover the Thread networks in range (takes about 5 s)."""
    return ok({"ScanList": await device.thread.scan()})


@router.post("/join", openapi_extra=request_schema(JoinBody))
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


@router.post("/get_join_status", openapi_extra=request_schema(JoinStatusBody))
async def get_join_status(
    device: DeviceDep, _body: Annotated[JoinStatusBody, Depends(json_body(JoinStatusBody))]
) -> JSONResponse:
    """Report the joiner's progress (0 idle .. 5 joined, 6 failed)."""
    return ok(await device.thread.join_status())


@router.post("/set_config", openapi_extra=request_schema(SetConfigBody))
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


@router.post("/stop")
async def stop(device: DeviceDep) -> JSONResponse:
    """Turn Thread off."""
    await device.thread.stop_thread()
    return ok()


@router.post("/start")
async def start(device: DeviceDep) -> JSONResponse:
    """Turn Thread on with the stored network."""
    await device.thread.start_thread()
    return ok()


@router.get("/generate_thread_network")
async def generate_thread_network(device: DeviceDep) -> JSONResponse:
    """Make a new random network, keeping channel, TX power and passphrase."""
    return ok({"Network": await device.thread.generate_network()})


# Documented as GET; POST is accepted too (DECISIONS §4), as its own OpenAPI operation.
router.add_api_route(
    "/generate_thread_network",
    generate_thread_network,
    methods=["POST"],
    operation_id="generate_thread_network_post",
)


@router.post("/set_txpower", openapi_extra=request_schema(TxPowerBody))
async def set_txpower(
    device: DeviceDep, body: Annotated[TxPowerBody, Depends(json_body(TxPowerBody))]
) -> JSONResponse:
    """Set the radio's transmit power in dBm."""
    await device.thread.set_txpower(body.TXPower)
    return ok()


@router.post("/set_commissioning", openapi_extra=request_schema(CommissioningBody))
async def set_commissioning(
    device: DeviceDep, body: Annotated[CommissioningBody, Depends(json_body(CommissioningBody))]
) -> JSONResponse:
    """Turn the commissioner on or off."""
    await device.thread.set_commissioning(body.Enable)
    return ok()


@router.get("/get_commissioning_status")
async def get_commissioning_status(device: DeviceDep) -> JSONResponse:
    """Report whether the commissioner is active."""
    return ok({"State": await device.thread.commissioner_state()})


@router.post("/add_joiner", openapi_extra=request_schema(AddJoinerBody))
async def add_joiner(
    device: DeviceDep, body: Annotated[AddJoinerBody, Depends(json_body(AddJoinerBody))]
) -> JSONResponse:
    """Add (or replace) a joiner entry."""
    await device.thread.joiners.add(body.EUI64, body.PSKd, body.Timeout)
    return ok()


@router.post("/rejoin_all", openapi_extra=request_schema(RejoinBody))
async def rejoin_all(
    device: DeviceDep, body: Annotated[RejoinBody, Depends(json_body(RejoinBody))]
) -> JSONResponse:
    """Re-arm timed-out, joined, or all entries."""
    await device.thread.joiners.rejoin_all(body.Type, body.Timeout)
    return ok()


@router.get("/get_joiner_list")
async def get_joiner_list(device: DeviceDep) -> JSONResponse:
    """List the joiner table."""
    return ok({"DeviceList": device.thread.joiners.entries()})


@router.post("/remove_joiner_list", openapi_extra=request_schema(RemoveJoinersBody))
async def remove_joiner_list(
    device: DeviceDep, body: Annotated[RemoveJoinersBody, Depends(json_body(RemoveJoinersBody))]
) -> JSONResponse:
    """Remove the named entries (unknown names are ignored)."""
    await device.thread.joiners.remove(body.DeviceList)
    return ok()


@router.get("/export_joiner_list")
async def export_joiner_list(device: DeviceDep) -> JSONResponse:
    """Export the table as EUI64/PSKd pairs."""
    return ok(device.thread.joiners.export())


@router.post("/import_joiner_list", openapi_extra=request_schema(ImportJoinersBody))
async def import_joiner_list(
    device: DeviceDep, body: Annotated[ImportJoinersBody, Depends(json_body(ImportJoinersBody))]
) -> JSONResponse:
    """Validate and stage an exported list (commit applies it)."""
    device.thread.joiners.stage(
        body.joiner_list_version, [(d.EUI64, d.PSKd) for d in body.DeviceList]
    )
    return ok()


@router.post("/commit_joiner_list", openapi_extra=request_schema(CommitJoinersBody))
async def commit_joiner_list(
    device: DeviceDep, body: Annotated[CommitJoinersBody, Depends(json_body(CommitJoinersBody))]
) -> JSONResponse:
    """Merge the staged list into the joiner table, all or nothing."""
    await device.thread.joiners.commit(body.Timeout)
    return ok()


@router.get("/get_bbr_status")
async def get_bbr_status(device: DeviceDep) -> JSONResponse:
    """Report whether the backbone router is active."""
    return ok({"State": await device.thread.bbr_state()})


@router.post("/enable_bbr")
async def enable_bbr(device: DeviceDep) -> JSONResponse:
    """Turn the backbone router on."""
    await device.thread.set_bbr(True)
    return ok()


@router.post("/disable_bbr")
async def disable_bbr(device: DeviceDep) -> JSONResponse:
    """Turn the backbone router off."""
    await device.thread.set_bbr(False)
    return ok()
