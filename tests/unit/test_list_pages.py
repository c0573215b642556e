"""A long list against a real local server: every page over one kept-alive connection, closed at the end."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import TOKEN, VOL, invoke
from local_server import Answer, LocalServer, Seen

import cinder_attach

IDS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(2005)]


class Pages:
    """Answers GET /attachments by limit and marker as Cinder does, a page never longer than ``cap`` (its
    osapi_max_limit) whatever the limit, and notes which connection (server thread) asked."""

    def __init__(self, cap: int = 1000, ids: list[str] = IDS) -> None:
        self.cap = cap
        self.ids = ids
        self.threads: list[str] = []
        self.queries: list[dict[str, list[str]]] = []

    def __call__(self, seen: Seen) -> Answer:
        self.threads.append(threading.current_thread().name)  # ThreadingHTTPServer: a new thread per connection
        query = parse_qs(urlsplit(seen.path).query)
        self.queries.append(query)
        start = self.ids.index(query["marker"][0]) + 1 if "marker" in query else 0
        size = min(int(query["limit"][0]), self.cap) if "limit" in query else self.cap
        page = self.ids[start : start + size]
        rows = [{"id": i, "status": "reserved", "instance": None, "volume_id": VOL} for i in page]
        return Answer.json(200, {"attachments": rows})


def test_the_cli_reads_every_page_over_one_connection(capsys: pytest.CaptureFixture[str]) -> None:
    pages = Pages()
    with LocalServer(pages) as server:
        argv = ("list", "--os-token", TOKEN, "--os-endpoint", server.endpoint(), "-f", "value", "-c", "id")
        result = invoke(capsys, *argv)
    assert result.code == 0, result.err
    assert result.out.split() == IDS
    assert len(pages.threads) == 3 and len(set(pages.threads)) == 1, pages.threads


def test_the_python_api_reuses_the_connection_and_closes_it_when_the_list_ends() -> None:
    pages = Pages()
    with LocalServer(pages) as server:
        client = cinder_attach.connect(token=TOKEN, endpoint=server.endpoint())
        ids = [a.id for a in client.list()]
        assert client.connection.clients.current is None, "the httpx client is closed once the last page is read"
        assert [a.id for a in client.list(limit=1)] == IDS[:1]  # a new list opens a new one
    assert ids == IDS
    assert len(pages.threads) == 4 and len(set(pages.threads[:3])) == 1 and pages.threads[3] != pages.threads[0]
