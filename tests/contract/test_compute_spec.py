"""The spec's compute (Nova) section against the devcloud's fake Nova and Nova's documented 2.89 shapes.

The fake is what the e2e tier and Cinder's own delete check talk to, so the generated client must read
its answers; and the fake must answer in the shape Nova's api-ref documents for compute 2.89 (the
volume attachment gains ``attachment_id`` and ``bdm_uuid`` and loses ``id``), or the tests would prove
nothing about a real Nova. The sample bodies below restate that documented shape with ids of our own.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from cinder_attach_client import Client
from cinder_attach_client.api.compute import (
    list_server_volume_attachments,
    show_server,
    show_server_volume_attachment,
)
from cinder_attach_client.models import (
    Fault,
    KeystoneError,
    ServerResponse,
    ServerVolumeAttachmentList,
    ServerVolumeAttachmentResponse,
)

# The keys of a volume attachment at compute 2.89 (api-ref "List volume attachments for an instance").
KEYS_289 = {"attachment_id", "bdm_uuid", "delete_on_termination", "device", "serverId", "tag", "volumeId"}
SERVER = "6a1e1c3c-5a0e-4b51-9d3f-2f7c0d1e9b11"
VOLUME = "0f3b2a44-8c1d-4e7a-a3b5-6d2c9e8f7a10"
ATTACHMENT = "b8c4d2e6-1a3f-4c5b-9e7d-0a2b4c6d8e13"
API_REF_LIKE_LIST: dict[str, Any] = {
    "volumeAttachments": [
        {
            "attachment_id": ATTACHMENT,
            "bdm_uuid": "3c1d7e9f-2b4a-4d6c-8e0f-1a3b5c7d9e21",
            "delete_on_termination": False,
            "device": "/dev/sdc",
            "serverId": SERVER,
            "tag": None,
            "volumeId": VOLUME,
        }
    ]
}
API_REF_LIKE_SERVER: dict[str, Any] = {
    "server": {
        "id": SERVER,
        "status": "MIGRATING",
        "OS-EXT-STS:task_state": "migrating",
        "OS-EXT-STS:vm_state": "active",
        "name": "a-server",
        "flavor": {"original_name": "m1.tiny"},
    }
}


def client_for(url: str) -> Client:
    client = Client(base_url=url, raise_on_unexpected_status=True)
    return client.set_httpx_client(httpx.Client(base_url=url, headers={"X-Auth-Token": "t"}, timeout=5))


def test_documented_shapes_parse_and_round_trip() -> None:
    listing = ServerVolumeAttachmentList.from_dict(API_REF_LIKE_LIST)
    (entry,) = listing.volume_attachments
    assert (entry.volume_id, entry.attachment_id, entry.server_id) == (VOLUME, ATTACHMENT, SERVER)
    assert listing.to_dict() == API_REF_LIKE_LIST
    server = ServerResponse.from_dict(API_REF_LIKE_SERVER)
    assert (server.server.status, server.server.os_ext_st_stask_state) == ("MIGRATING", "migrating")
    assert server.to_dict() == API_REF_LIKE_SERVER


def test_fake_answers_in_the_documented_289_shape(fake_nova: Any) -> None:
    fake_nova.world.put(SERVER, {"volumes": [{"volume_id": VOLUME, "attachment_id": ATTACHMENT}]})
    response = list_server_volume_attachments.sync_detailed(uuid.UUID(SERVER), client=client_for(fake_nova.url))
    assert response.status_code == 200
    assert isinstance(response.parsed, ServerVolumeAttachmentList)
    (raw,) = response.parsed.to_dict()["volumeAttachments"]
    assert set(raw) == KEYS_289
    assert raw["attachment_id"] == ATTACHMENT and raw["volumeId"] == VOLUME and raw["serverId"] == SERVER
    assert response.headers["OpenStack-API-Version"] == "compute 2.89"
    (seen,) = fake_nova.requests()
    assert seen.microversion == "compute 2.89"
    assert seen.path == f"/v2.1/servers/{SERVER}/os-volume_attachments"


def test_fake_answers_the_older_shape_below_289(fake_nova: Any) -> None:
    """Without the header the entries carry `id` and no `attachment_id`: the header is what makes prune work."""
    fake_nova.world.put(SERVER, {"volumes": [{"volume_id": VOLUME, "attachment_id": ATTACHMENT}]})
    answer = httpx.get(f"{fake_nova.url}/servers/{SERVER}/os-volume_attachments", headers={"X-Auth-Token": "t"})
    (raw,) = answer.json()["volumeAttachments"]
    assert "attachment_id" not in raw and raw["id"] == VOLUME


def test_show_volume_attachment_and_server(fake_nova: Any) -> None:
    fake_nova.world.put(SERVER, {"status": "RESIZE", "task_state": "resize_migrating",
                                 "volumes": [{"volume_id": VOLUME, "attachment_id": ATTACHMENT}]})  # fmt: skip
    client = client_for(fake_nova.url)
    one = show_server_volume_attachment.sync_detailed(uuid.UUID(SERVER), uuid.UUID(VOLUME), client=client)
    assert isinstance(one.parsed, ServerVolumeAttachmentResponse)
    assert one.parsed.volume_attachment.attachment_id == ATTACHMENT
    server = show_server.sync_detailed(uuid.UUID(SERVER), client=client)
    assert isinstance(server.parsed, ServerResponse)
    assert (server.parsed.server.status, server.parsed.server.os_ext_st_stask_state) == ("RESIZE", "resize_migrating")


@pytest.mark.parametrize(
    ("setup", "call", "status", "fault"),
    [
        (None, "list", 404, "itemNotFound"),
        (None, "server", 404, "itemNotFound"),
        ({"volumes": []}, "one", 404, "itemNotFound"),
        ({"fail": 403}, "list", 403, "forbidden"),
        ({"fail": 500}, "server", 500, "computeFault"),
    ],
)
def test_faults_parse_as_faults(fake_nova: Any, setup: Any, call: str, status: int, fault: str) -> None:
    if setup is not None:
        fake_nova.world.put(SERVER, setup)
    client = client_for(fake_nova.url)
    server = uuid.UUID(SERVER)
    if call == "list":
        response: Any = list_server_volume_attachments.sync_detailed(server, client=client)
    elif call == "server":
        response = show_server.sync_detailed(server, client=client)
    else:
        response = show_server_volume_attachment.sync_detailed(server, uuid.UUID(VOLUME), client=client)
    assert response.status_code == status
    assert isinstance(response.parsed, Fault)
    assert set(response.parsed.additional_properties) == {fault}


def test_no_token_is_a_keystone_style_401(fake_nova: Any) -> None:
    client = Client(base_url=fake_nova.url, raise_on_unexpected_status=True)
    response = show_server.sync_detailed(uuid.UUID(SERVER), client=client)
    assert response.status_code == 401 and isinstance(response.parsed, KeystoneError)
