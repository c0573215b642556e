"""Nova's answers for prune (cinder_attach.compute), against the devcloud's fake Nova served from a thread:
one list per server, the server itself only where needed, Cinder's token and compute 2.89 on every request,
failures as answers that decide nothing, and no compute endpoint as one warning."""

from __future__ import annotations

import logging
import socket
import uuid
from typing import Any

import pytest

from cinder_attach import compute
from cinder_attach.cloud import CloudArgs
from cinder_attach.connection import Connection
from cinder_attach.login import Login
from cinder_attach.prune import Candidate, Failed, ServerState, ServerView

ENDPOINT = "http://cinder.test:8776/v3/0123456789abcdef0123456789abcdef"
TOKEN = "gAAAAAB-unit-compute-token"
VOL = str(uuid.uuid4())


def connection(compute_endpoint: str | None) -> Connection:
    conn = Connection(cloud=CloudArgs(token=TOKEN, endpoint=ENDPOINT))
    conn.logins.login = Login(ENDPOINT, TOKEN, None, "p", compute_endpoint=compute_endpoint, roles=("member",))
    return conn


def cand(server: str | None, ident: str | None = None) -> Candidate:
    return Candidate(ident or str(uuid.uuid4()), VOL, server, "attached", True)


def api_requests(fake_nova: Any) -> list[tuple[str, str, int]]:
    return sorted((e.method, e.path.split("/v2.1", 1)[1], e.status) for e in fake_nova.requests())


def test_one_list_per_server_and_the_server_only_after_a_404_or_another_attachment(fake_nova: Any) -> None:
    held, alive, gone, moving = (str(uuid.uuid4()) for _ in range(4))
    mine = cand(held)
    fake_nova.world.put(held, {"volumes": [{"volume_id": VOL, "attachment_id": mine.id}]})
    fake_nova.world.put(alive, {"volumes": []})
    fake_nova.world.put(moving, {"status": "MIGRATING", "task_state": "migrating",
                                 "volumes": [{"volume_id": VOL, "attachment_id": "other"}]})  # fmt: skip
    candidates = [mine, cand(alive), cand(gone), cand(moving), cand(alive), cand(None)]
    views = compute.server_views(connection(fake_nova.url), candidates)
    assert set(views) == {held, alive, gone, moving}
    assert views[gone] == ServerView("gone")
    assert views[held].state == "found" and views[held].volumes == {VOL: (mine.id,)} and views[held].shown is None
    assert views[moving].shown == ServerState("MIGRATING", "migrating")
    assert api_requests(fake_nova) == sorted(
        [("GET", f"/servers/{s}/os-volume_attachments", 200) for s in (held, alive, moving)]
        + [("GET", f"/servers/{gone}/os-volume_attachments", 404), ("GET", f"/servers/{gone}", 404),
           ("GET", f"/servers/{moving}", 200)]
    )  # fmt: skip
    assert {e.microversion for e in fake_nova.requests()} == {"compute 2.89"}
    assert {e.user_agent.split("/")[0] for e in fake_nova.requests()} == {"cinder-attach"}


def test_every_request_carries_the_runs_token(fake_nova: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []
    original = fake_nova.httpd.RequestHandlerClass._api

    def spy(self: Any, *args: Any) -> None:
        seen.append(self.headers.get("X-Auth-Token"))
        original(self, *args)

    monkeypatch.setattr(fake_nova.httpd.RequestHandlerClass, "_api", spy)
    compute.server_views(connection(fake_nova.url), [cand(str(uuid.uuid4())) for _ in range(3)])
    assert seen == [TOKEN] * 6  # three lists, three servers shown after their 404


@pytest.mark.parametrize(("fail", "words"), [(403, "HTTP 403 forbidden"), (500, "HTTP 500 computeFault")])
def test_a_refusal_or_a_fault_decides_nothing(fake_nova: Any, fail: int, words: str) -> None:
    server = str(uuid.uuid4())
    fake_nova.world.put(server, {"fail": fail})
    view = compute.server_views(connection(fake_nova.url), [cand(server)])[server]
    assert view.state == "unknown" and view.why.startswith(f"Nova answered {words}")


def test_nova_unreachable_decides_nothing() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    server = str(uuid.uuid4())
    view = compute.server_views(connection(f"http://127.0.0.1:{port}/v2.1"), [cand(server)])[server]
    assert view.state == "unknown" and view.why.startswith("Nova could not be asked: cannot connect")


def test_an_instance_that_is_not_a_uuid_is_not_asked(fake_nova: Any) -> None:
    view = compute.server_views(connection(fake_nova.url), [cand("not-a-server")])["not-a-server"]
    assert view == ServerView("unknown", why="the instance 'not-a-server' is not a UUID, so not a Nova server")
    assert fake_nova.requests() == []


def test_no_compute_endpoint_is_one_warning_and_every_server_unknown(caplog: pytest.LogCaptureFixture) -> None:
    servers = [str(uuid.uuid4()) for _ in range(3)]
    with caplog.at_level(logging.WARNING, logger="cinder_attach"):
        views = compute.server_views(connection(None), [cand(s) for s in servers] + [cand(None)])
    assert set(views) == set(servers)
    assert {v.why for v in views.values()} == {compute.NO_COMPUTE} and {v.state for v in views.values()} == {"unknown"}
    (record,) = caplog.records
    assert record.getMessage() == "no compute endpoint in the catalog: every attachment with an instance is unknown."


def test_no_instance_at_all_asks_nothing_and_warns_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="cinder_attach"):
        assert compute.server_views(connection(None), [cand(None), cand(None)]) == {}
    assert caplog.records == []


def test_many_servers_are_all_answered_by_the_few_workers(fake_nova: Any) -> None:
    servers = [str(uuid.uuid4()) for _ in range(3 * compute.WORKERS + 1)]
    for n, server in enumerate(servers):
        if n % 2:
            fake_nova.world.put(server, {"volumes": []})
    views = compute.server_views(connection(fake_nova.url), [cand(s) for s in servers])
    assert [views[s].state for s in servers] == ["gone" if n % 2 == 0 else "found" for n in range(len(servers))]
    lists = [e for e in fake_nova.requests() if e.path.endswith("/os-volume_attachments")]
    assert len(lists) == len(servers)


def test_failed_is_what_a_403_becomes_in_the_view() -> None:
    """The Failed reason is carried into the view unchanged (prune's rows quote it)."""
    from cinder_attach.prune import server_view

    assert server_view(Failed("x"), None) == ServerView("unknown", why="x")
