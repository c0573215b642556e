"""cinder_attach.client: the typed Python API (what `connect()` returns), over MockTransport."""

from __future__ import annotations

import json
import uuid

import pytest
from helpers import ATT, INST, TOKEN, VOL, FakeCinder, attachment

import cinder_attach
from cinder_attach import APIError, AttachmentClient, TransportError, UsageError


def test_create354_returns_the_generated_model(client: AttachmentClient, cinder: FakeCinder) -> None:
    from cinder_attach_client.models import Attachment

    cinder.reply(body={"attachment": attachment(attach_mode="rw")})
    att = client.create354(VOL.upper(), instance_uuid=uuid.UUID(INST), connector={"initiator": "iqn.x"}, mode="rw")
    assert isinstance(att, Attachment) and att.id == ATT and att.attach_mode == "rw"
    (req,) = cinder.requests
    assert req.headers["OpenStack-API-Version"] == "volume 3.54" and req.headers["X-Auth-Token"] == TOKEN
    assert json.loads(req.content) == {
        "attachment": {"volume_uuid": VOL, "instance_uuid": INST, "connector": {"initiator": "iqn.x"}, "mode": "rw"}
    }


def test_create327_sends_no_mode(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply()
    client.create327(VOL)
    (req,) = cinder.requests
    assert req.headers["OpenStack-API-Version"] == "volume 3.27"
    assert json.loads(req.content) == {"attachment": {"volume_uuid": VOL}}


def test_bad_arguments_raise_before_sending(client: AttachmentClient, cinder: FakeCinder) -> None:
    with pytest.raises(UsageError, match="volume_uuid"):
        client.create354("not-a-uuid")
    with pytest.raises(UsageError, match="mode"):
        client.create354(VOL, mode="rx")  # type: ignore[arg-type]
    assert cinder.requests == []


def test_errors_raise_api_error_with_status_fault_and_request_id(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(404, {"itemNotFound": {"code": 404, "message": f"Volume {VOL} could not be found."}})
    with pytest.raises(APIError) as caught:
        client.create354(VOL)
    err = caught.value
    assert (err.status, err.fault, err.request_id) == (404, "itemNotFound", "req-1234")
    assert "could not be found" in err.message


def test_show_update_complete_delete(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply().reply(body={"attachment": attachment(status="attaching")}).reply(204, b"")
    cinder.reply(body={"attachments": []})
    assert client.show(ATT).id == ATT
    assert client.update(ATT, {"initiator": "iqn.x", "multipath": False}).status == "attaching"
    assert client.complete(ATT) is None
    assert client.delete(ATT, service_token="svc") is True, "deleted (False: already gone, with ignore_missing)"
    methods = [(r.method, r.url.path.split("/attachments")[-1]) for r in cinder.requests]
    assert methods == [("GET", f"/{ATT}"), ("PUT", f"/{ATT}"), ("POST", f"/{ATT}/action"), ("DELETE", f"/{ATT}")]
    assert cinder.requests[2].headers["OpenStack-API-Version"] == "volume 3.44"
    assert cinder.requests[3].headers["X-Service-Token"] == "svc"


def test_list_is_lazy_and_follows_pages(client: AttachmentClient, cinder: FakeCinder) -> None:
    ids = [str(uuid.UUID(int=i + 1)) for i in range(1001)]
    rows = [{"id": i, "status": "reserved", "instance": None, "volume_id": VOL} for i in ids]
    cinder.reply(body={"attachments": rows[:1000]}).reply(body={"attachments": rows[1000:]})
    found = client.list(volume_id=VOL)
    assert cinder.requests == [], "nothing is sent until the iterator is read"
    assert [a.id for a in found] == ids
    assert [dict(r.url.params) for r in cinder.requests] == [
        {"volume_id": VOL},
        {"volume_id": VOL, "marker": ids[999]},
    ], "no limit unless one is given; the second page, shorter than the first (the cap), ends it"


def test_list_detail_gives_full_attachments(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": [attachment()]}).reply(body={"attachments": []})
    (att,) = client.list(detail=True, limit=5)
    assert att.attach_mode == "null"
    assert cinder.requests[0].url.path.endswith("/attachments/detail")
    assert [dict(r.url.params) for r in cinder.requests] == [{"limit": "5"}, {"limit": "4", "marker": ATT}]


def test_a_2xx_without_the_expected_body_is_an_error(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(204, b"")
    with pytest.raises(TransportError, match="without the expected body"):
        client.show(ATT)


def test_connect_rejects_unknown_settings() -> None:
    with pytest.raises(TypeError, match="usrname"):
        cinder_attach.connect(usrname="x")
