"""One prune run (cinder_attach.pruning): which rows are deleted, what a delete's failure becomes, the status
and scope checks, and the summary record; Nova is the devcloud's fake Nova in a thread."""

from __future__ import annotations

import logging
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from cinder_attach import pruning
from cinder_attach.cloud import CloudArgs
from cinder_attach.connection import Connection
from cinder_attach.errors import APIError, TransportError, UsageError
from cinder_attach.login import Login

ENDPOINT = "http://cinder.test:8776/v3/0123456789abcdef0123456789abcdef"
VOL = str(uuid.uuid4())


def connection(compute_endpoint: str | None, roles: tuple[str, ...] | None = ("member",)) -> Connection:
    conn = Connection(cloud=CloudArgs(token="t", endpoint=ENDPOINT))
    conn.logins.login = Login(ENDPOINT, "t", None, "p", compute_endpoint=compute_endpoint, roles=roles)
    return conn


def attachment(server: str | None, status: str = "attached", info: Any = "connected") -> Any:
    connection_info = SimpleNamespace(to_dict=lambda: {"driver_volume_type": "iscsi"} if info else {})
    return SimpleNamespace(id=str(uuid.uuid4()), volume_id=VOL, instance=server, status=status,
                           connection_info=connection_info)  # fmt: skip


class Deletes:
    """A stand-in for the client's delete: records ids, and raises what it is told to for some."""

    def __init__(self, failing: dict[str, Exception] | None = None) -> None:
        self.ids: list[str] = []
        self.failing = failing or {}

    def __call__(self, ident: str) -> None:
        self.ids.append(ident)
        if ident in self.failing:
            raise self.failing[ident]


def test_a_dry_run_deletes_nothing_and_apply_deletes_only_the_prune_rows(fake_nova: Any) -> None:
    gone, held = str(uuid.uuid4()), str(uuid.uuid4())
    atts = [attachment(gone), attachment(held), attachment(None)]
    fake_nova.world.put(held, {"volumes": [{"volume_id": VOL, "attachment_id": atts[1].id}]})
    deletes = Deletes()
    dry = list(pruning.run(connection(fake_nova.url), atts, deletes))
    assert [(r.verdict, r.result) for r in dry] == [("prune", ""), ("keep", ""), ("unknown", "")]
    assert deletes.ids == []
    applied = list(pruning.run(connection(fake_nova.url), atts, deletes, apply=True))
    assert [(r.verdict, r.result) for r in applied] == [("prune", "deleted"), ("keep", ""), ("unknown", "")]
    assert deletes.ids == [atts[0].id]


def test_a_409_is_skipped_a_404_is_gone_and_anything_else_failed(fake_nova: Any) -> None:
    atts = [attachment(str(uuid.uuid4())) for _ in range(4)]
    conflict = APIError("Detach volume from instance x using the Compute API", status=409, fault="conflictingRequest")
    deletes = Deletes({atts[0].id: conflict, atts[1].id: APIError("gone", status=404),
                       atts[2].id: TransportError("cannot connect to <endpoint>: connection refused.")})  # fmt: skip
    rows = list(pruning.run(connection(fake_nova.url), atts, deletes, apply=True))
    assert [r.result for r in rows] == [
        "skipped: Cinder answered 409 (Detach volume from instance x using the Compute API)",
        "skipped: already gone",
        "failed: cannot connect to <endpoint>: connection refused.",
        "deleted",
    ]
    assert deletes.ids == [a.id for a in atts]


def test_nothing_is_deleted_when_nova_cannot_be_asked() -> None:
    atts = [attachment(str(uuid.uuid4())), attachment(None)]
    deletes = Deletes()
    rows = list(pruning.run(connection(None), atts, deletes, apply=True))
    assert {r.verdict for r in rows} == {"unknown"} and deletes.ids == []


def test_statuses_filter_the_candidates(fake_nova: Any) -> None:
    atts = [attachment(None, "reserved", info=None), attachment(None, "attached"), attachment(None, "attaching")]
    rows = list(pruning.run(connection(fake_nova.url), atts, Deletes(), statuses=("reserved", "attaching")))
    assert [r.status for r in rows] == ["reserved", "attaching"]


def test_an_unknown_status_is_refused_by_name() -> None:
    assert pruning.check_statuses(["reserved", "reserved", "attached"]) == ("reserved", "attached")
    with pytest.raises(UsageError, match="status 'bogus' is not an attachment status") as caught:
        pruning.check_statuses(["attached", "bogus"])
    assert caught.value.reason == "bad_status"


@pytest.mark.parametrize(
    ("roles", "all_projects", "project", "refused"),
    [
        (("member",), True, None, True),
        (("member", "reader"), False, "p2", True),
        (("admin", "member"), True, None, False),
        (None, True, None, False),  # a token given directly: Cinder decides
        (("member",), False, None, False),
    ],
)
def test_another_projects_attachments_need_an_admin(
    roles: tuple[str, ...] | None, all_projects: bool, project: str | None, refused: bool
) -> None:
    conn = connection(None, roles)
    if refused:
        with pytest.raises(UsageError) as caught:
            pruning.check_scope(conn, all_projects, project)
        assert caught.value.reason == "needs_admin"
    else:
        pruning.check_scope(conn, all_projects, project)


def test_connected_means_connection_info_with_something_in_it() -> None:
    assert pruning.candidate(attachment("s")).connected
    assert not pruning.candidate(attachment("s", info=None)).connected
    assert not pruning.candidate(SimpleNamespace(id="a", volume_id=VOL, instance="", status="reserved",
                                                 connection_info=None)).connected  # fmt: skip
    assert pruning.candidate(SimpleNamespace(id="a", volume_id=VOL, instance="", status="reserved",
                                             connection_info=None)).instance is None  # fmt: skip


def test_the_run_ends_with_one_summary_record(fake_nova: Any, caplog: pytest.LogCaptureFixture) -> None:
    atts = [attachment(str(uuid.uuid4())), attachment(None)]
    with caplog.at_level(logging.INFO, logger="cinder_attach"):
        list(pruning.run(connection(fake_nova.url), atts, Deletes()))
        list(pruning.run(connection(fake_nova.url), atts, Deletes(), apply=True))
    summaries = [r for r in caplog.records if getattr(r, "reason", "").startswith("prune_")]
    assert [r.getMessage() for r in summaries] == [
        "dry run: 1 prune, 0 keep, 1 unknown; nothing deleted (apply deletes the prune rows).",
        "1 prune, 0 keep, 1 unknown: deleted 1, skipped 0, failed 0.",
    ]
