"""paging.pages against a server that cuts every page at its cap (Cinder's osapi_max_limit), whatever the
limit asks: every row comes back, in order and once, for caps of 1, 50, 1000 and 5000; ``limit`` is a
total; the first request asks only for what the caller asked; and the number of requests is the one
the module's docstring promises."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from uuid import UUID

import pytest

from cinder_attach.paging import pages


@dataclass
class Row:
    id: str


@dataclass
class CappedServer:
    """Rows in a fixed order; a page is at most ``cap`` rows and at most ``limit`` when one is given."""

    total: int
    cap: int
    asked: list[tuple[int | None, UUID | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ids = [str(UUID(int=n + 1)) for n in range(self.total)]

    def fetch(self, limit: int | None, marker: UUID | None) -> list[Row]:
        self.asked.append((limit, marker))
        start = self.ids.index(str(marker)) + 1 if marker is not None else 0
        size = self.cap if limit is None else min(limit, self.cap)
        return [Row(i) for i in self.ids[start : start + size]]


def promised_requests(rows: int, cap: int) -> int:
    """paging's docstring: 1 for none; 2 while rows <= cap; ceil(rows / cap) beyond, plus 1 for a multiple."""
    if rows == 0:
        return 1
    if rows <= cap:
        return 2
    return math.ceil(rows / cap) + (1 if rows % cap == 0 else 0)


CASES = [(cap, rows) for cap in (1, 50, 1000, 5000) for rows in {0, 1, cap - 1, cap, cap + 1, 2 * cap, 2 * cap + 7}]


@pytest.mark.parametrize(("cap", "rows"), [c for c in CASES if c[1] >= 0 and c[1] <= 12_000])
def test_every_row_once_whatever_the_cap(cap: int, rows: int) -> None:
    server = CappedServer(rows, cap)
    assert [row.id for row in pages(server.fetch)] == server.ids
    assert server.asked[0] == (None, None), "the first request asks only for what the caller asked"
    # Without a total: no limit until a second page with rows shows the first was cut, then the cap itself.
    assert all(limit is None for limit, _ in server.asked[:2]), "no limit until the cap is known"
    assert all(limit == cap for limit, _ in server.asked[2:]), "then exactly the cap"
    assert len(server.asked) == promised_requests(rows, cap), server.asked[:5]


@pytest.mark.parametrize("cap", [1, 50, 1000, 5000])
@pytest.mark.parametrize("limit", [1, 49, 50, 51, 120, 1000, 1001])
def test_limit_is_a_total_whatever_the_cap(cap: int, limit: int) -> None:
    server = CappedServer(1100, cap)
    assert [row.id for row in pages(server.fetch, limit=limit)] == server.ids[:limit]
    asked = [n for n, _ in server.asked]
    assert asked[0] == limit, "the first request carries the total"
    assert all(later is not None and later <= limit for later in asked[1:])
    got = 0
    for n in asked:
        assert n == limit - got, "each later request asks for what the total still lacks"
        got += min(n, cap)


def test_a_marker_starts_after_it() -> None:
    server = CappedServer(120, 50)
    start = UUID(server.ids[9])
    assert [row.id for row in pages(server.fetch, marker=start)] == server.ids[10:]
    assert server.asked[0] == (None, start)


def test_the_old_blind_spot_a_short_first_page_is_not_the_end() -> None:
    # 50 rows where 1000 might have come: the old rule stopped here and lost 1050 rows.
    server = CappedServer(1100, 50)
    assert len(list(pages(server.fetch))) == 1100


def test_a_page_handed_back_again_ends_the_list() -> None:
    calls: list[UUID | None] = []
    same = [Row(str(UUID(int=n + 1))) for n in range(3)]

    def fetch(limit: int | None, marker: UUID | None) -> list[Row]:
        calls.append(marker)
        return same

    assert [row.id for row in pages(fetch)] == [row.id for row in same]
    assert len(calls) == 2, "equal created_at values can make marker paging repeat: stop, never loop"


def test_nothing_is_sent_until_read() -> None:
    server = CappedServer(10, 5)
    listing = pages(server.fetch)
    assert server.asked == []
    next(listing)
    assert len(server.asked) == 1
