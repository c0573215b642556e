"""E2E: a list is whole whatever page size the cloud allows. Cinder runs with ``osapi_max_limit = 25`` for
this module (the ``small_page_cap`` fixture restarts it, and restores it after): a page never holds more
than 25 rows, whatever ``limit`` asks, and Cinder sends no link to the next page. ``attach list`` still
prints every row, ``--limit`` is still a total, and the rows are the ones in Cinder's database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from attach_runner import Attach

SEEDED = 60  # with a cap of 25: pages of 25, 25 and 10


@pytest.fixture
def capped_volume(devcloud: Any, small_page_cap: int, logged_in: Attach) -> str:
    vol = devcloud.new_volume(multiattach=True)
    assert devcloud.seed_attachments(vol, SEEDED) == SEEDED
    return vol


def in_database(devcloud: Any, volume: str) -> set[str]:
    """The volume's attachments as Cinder's database holds them (read-only; no page cap applies)."""
    db = Path(devcloud["devcloud_dir"]) / "cinder" / "cinder.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        rows = conn.execute("SELECT id FROM volume_attachment WHERE volume_id = ? AND deleted = 0", (volume,))
        return {row[0] for row in rows}


def list_queries(devcloud: Any, mark: dict[str, int]) -> list[dict[str, list[str]]]:
    gets = [r.path for r in devcloud.requests_since(mark) if r.service == "cinder" and r.method == "GET"]
    return [parse_qs(urlsplit(path).query) for path in gets]


def test_the_cap_is_in_force(devcloud: Any, capped_volume: str, small_page_cap: int) -> None:
    path = f"/attachments?volume_id={capped_volume}&limit=1000"
    res = devcloud.api("GET", path, cloud="devcloud", microversion="3.27")
    assert res.status == 200 and len(res.body["attachments"]) == small_page_cap
    assert "attachments_links" not in res.body, "nothing tells a client that more rows exist"


def test_no_flag_lists_every_row(devcloud: Any, attach: Attach, capped_volume: str) -> None:
    mark = devcloud.log_mark()
    r = attach("list", "--volume-id", capped_volume, "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    ids = r.out.split()
    assert len(ids) == len(set(ids)) == SEEDED
    assert set(ids) == in_database(devcloud, capped_volume)
    queries = list_queries(devcloud, mark)
    assert "limit" not in queries[0] and "marker" not in queries[0], "the first request asks only for the filter"
    assert len(queries) == 3, f"25 + 25 + 10: the third page, shorter than the cap seen, ends it ({queries})"


def test_limit_is_a_total_across_capped_pages(devcloud: Any, attach: Attach, capped_volume: str) -> None:
    whole = attach("list", "--volume-id", capped_volume, "-f", "value", "-c", "id").out.split()
    mark = devcloud.log_mark()
    r = attach("list", "--volume-id", capped_volume, "--limit", "40", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert r.out.split() == whole[:40]
    queries = list_queries(devcloud, mark)
    assert [q.get("limit") for q in queries] == [["40"], ["15"]], "the user's limit, then what is still missing"


def test_json_is_one_document_of_every_row(devcloud: Any, attach: Attach, capped_volume: str) -> None:
    r = attach("list", "--volume-id", capped_volume, "--long", "-f", "json")
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert {row["id"] for row in rows} == in_database(devcloud, capped_volume) and len(rows) == SEEDED
    assert all(row["volume_id"] == capped_volume for row in rows)


def test_a_short_list_costs_two_requests(devcloud: Any, attach: Attach, small_page_cap: int) -> None:
    vol = devcloud.new_volume()
    made = attach("create354", "--volume-uuid", vol, "-f", "value", "-c", "id")
    assert made.code == 0, made.err
    mark = devcloud.log_mark()
    r = attach("list", "--volume-id", vol, "-f", "value", "-c", "id")
    assert r.code == 0 and r.out.split() == [made.out.strip()] == sorted(in_database(devcloud, vol))
    queries = list_queries(devcloud, mark)
    assert len(queries) == 2 and "marker" in queries[1], "a page shorter than asked is no proof of the end"
