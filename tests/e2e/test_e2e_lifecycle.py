"""E2E: reserve → update → complete → show → delete on the real Cinder, plus list filters, complete
with several ids, and delete failures."""

from __future__ import annotations

import uuid
from typing import Any

from attach_runner import CONNECTOR, INITIATOR, Attach, Made, attached, server_attachments_of, server_volume


def test_full_lifecycle(devcloud, attach: Attach) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    made = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, "-f", "value", "-c", "id")
    assert made.code == 0, made.err
    att = made.out.strip()
    assert server_volume(devcloud, vol)["status"] == "reserved"

    updated = attach("update", att, *CONNECTOR, "-f", "json")
    assert updated.code == 0, updated.err
    assert updated.json()["connection_info"]["driver_volume_type"]

    done = attach("complete", att)
    assert done.code == 0, done.err
    assert done.out.strip() == f"Attachment {att} completed."

    shown = attach("show", att, "-f", "json")
    assert shown.code == 0, shown.err
    assert shown.json()["status"] == "attached"
    assert server_volume(devcloud, vol)["status"] == "in-use"

    # A connected attachment (instance + connection_info) makes Cinder ask Nova, which the devcloud lacks,
    # unless the request carries a service token: without one the delete fails and says what to do.
    refused = attach("delete", att)
    assert refused.code == 1
    assert "HTTP 500" in refused.err and "--os-service-token" in refused.err and "Nova" in refused.err
    assert server_volume(devcloud, vol)["status"] == "in-use"

    gone = attach("delete", att, "--os-service-cloud", "devcloud-service")
    assert gone.code == 0, gone.err
    assert gone.out.strip() == f"Deleted attachment {att}."
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"


def test_reserve_then_delete_frees_the_volume(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    att = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()), "-f", "value", "-c", "id")
    assert att.code == 0, att.err
    gone = attach("delete", att.out.strip())
    assert gone.code == 0, gone.err
    assert gone.out.strip() == f"Deleted attachment {att.out.strip()}."
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"


def test_delete_unknown_id_does_not_stop_the_others(devcloud, attach: Attach) -> None:
    ids = []
    for _ in range(2):  # reserves on two volumes: a reserved attachment needs no Nova to delete
        r = attach("create354", "--volume-uuid", devcloud.new_volume(), "--instance-uuid", str(uuid.uuid4()),
                   "-f", "value", "-c", "id")  # fmt: skip
        assert r.code == 0, r.err
        ids.append(r.out.strip())
    unknown = str(uuid.uuid4())
    r = attach("delete", ids[0], unknown, ids[1])
    assert r.code == 1
    assert unknown in r.err and "HTTP 404" in r.err and r.err.count("Error:") == 1
    assert r.out.split() == ["Deleted", "attachment", f"{ids[0]}.", "Deleted", "attachment", f"{ids[1]}."]
    for ident in ids:
        gone = devcloud.api("GET", f"/attachments/{ident}", cloud="devcloud", microversion="3.54")
        assert gone.status == 404


def test_list_filters_on_real_data(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume(multiattach=True)
    servers = [str(uuid.uuid4()), str(uuid.uuid4())]
    ids = [attached(attach, vol, server) for server in servers]
    by_volume = attach("list", "--volume-id", vol, "-f", "json")
    assert by_volume.code == 0, by_volume.err
    assert sorted(a["id"] for a in by_volume.json()) == sorted(ids)

    by_instance = attach("list", "--instance-id", servers[1], "-f", "value", "-c", "id")
    assert by_instance.out.split() == [ids[1]]

    done = attach("list", "--volume-id", vol, "--status", "attached", "--long", "-f", "json")
    assert sorted(a["id"] for a in done.json()) == sorted(ids)
    assert all("attach_mode" in a for a in done.json())
    assert attach("list", "--volume-id", vol, "--status", "reserved", "-f", "json").json() == []

    everything = attach("list", "--volume-id", vol, "--all-pages", "-f", "value", "-c", "id")
    assert sorted(everything.out.split()) == sorted(ids)
    capped = attach("list", "--volume-id", vol, "--limit", "1", "-f", "value", "-c", "id")
    assert capped.code == 0 and len(capped.out.split()) == 1 and capped.out.split()[0] in ids
    after = attach("list", "--volume-id", vol, "--marker", capped.out.split()[0], "-f", "value", "-c", "id")
    assert sorted(capped.out.split() + after.out.split()) == sorted(ids)


def test_complete_on_a_reserved_attachment_is_passed_on_clearly(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    att = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()), "-f", "value", "-c", "id")
    r = attach("complete", att.out.strip())
    # Whatever Cinder answers is reported: success is a confirmation, failure one `Error:` line with the status.
    if r.code == 0:
        assert r.out.strip() == f"Attachment {att.out.strip()} completed."
    else:
        assert r.code == 1 and r.err.startswith("Error: ") and "HTTP" in r.err


def test_create327(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    r = attach("create327", "--volume-uuid", vol, *CONNECTOR, "-f", "json")
    assert r.code == 0, r.err
    assert r.json()["connection_info"]["driver_volume_type"]


def test_complete_two_ids_and_go_on_after_a_failure(devcloud: Any, attach: Attach, made: Made) -> None:
    ids = []
    vols = [made.volume(), made.volume()]
    for vol in vols:  # connected, with no instance: deleting them later needs no Nova
        r = attach(
            "create354", "--volume-uuid", vol, "--connector", f"initiator={INITIATOR}", "-f", "value", "-c", "id"
        )
        assert r.code == 0, r.err
        ids.append(r.out.strip())
    unknown = str(uuid.uuid4())
    r = attach("complete", ids[0], unknown, ids[1])
    assert r.code == 1
    assert r.out.splitlines() == [f"Attachment {ident} completed." for ident in ids]
    assert r.err.count("Error:") == 1 and unknown in r.err and "HTTP 404" in r.err
    for vol in vols:
        assert server_volume(devcloud, vol)["status"] == "in-use"
        assert [a["status"] for a in server_attachments_of(devcloud, vol)] == ["attached"]
