"""Marker paging, the one way every list is read: every row, whatever page size the cloud allows.

Cinder cuts every page at its ``osapi_max_limit`` (1000 unless the operator set another number: 1, 50,
5000 all occur), whatever ``limit`` asks for, and sends no link to the next page. So a page shorter than
asked for is no proof of the end: it may have been cut. The rules:

- The first request asks for what the caller asked, no more: no ``limit`` at all without a total, the
  total with one. Each later one asks for what the total still lacks; without a total, for nothing until
  the cap is known, then for exactly the cap (Cinder 29 answers a page asked for by ``limit`` about 8%
  faster than the same page asked for without one).
- A page that brings no new row ends the list: an empty one, or one Cinder hands back again (equal
  ``created_at`` values can make marker paging repeat a page).
- The cap becomes known when a page that could have been cut (shorter than asked, or asked for no
  number) is followed by a page with rows: the first was cut, so its length is the cap. From then on a
  page shorter than it would be if cut ends the list without one more request.
- A total reached ends the list.

The cost in GETs for N rows under a cap C: 1 for none; 2 while N <= C (the second, empty, proves the
end); ceil(N / C) beyond, plus 1 when N is a multiple of C. With ``limit`` L <= C and L <= N: 1.
The old rule (stop at a page shorter than 1000) cost one GET less for a short list and lost every row
past the first page on a cloud with a cap below 1000.

Only the last page's ids are kept, so memory stays flat however long the list is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any
from uuid import UUID

MAX_PAGES = 100_000
# Fetches one page: (how many at most, None for as many as the server gives; the marker or None) -> its
# items, each with an ``id``.
Fetch = Callable[[int | None, UUID | None], Sequence[Any]]


def pages(fetch: Fetch, *, limit: int | None = None, marker: UUID | None = None) -> Iterator[Any]:
    """Every item after ``marker``, at most ``limit`` (at least 1; see inputs.check_limit) in all."""
    count = 0
    cap: int | None = None  # the server's page cap, once a page is known to have been cut
    last: int | None = None  # the length of the page before, which may have been cut
    previous: set[str] = set()
    for _ in range(MAX_PAGES):
        page = fetch(cap if limit is None else limit - count, marker)
        fresh = [item for item in page if item.id not in previous]
        if not fresh:
            return
        if cap is None and last is not None:
            cap = last  # rows came after the page before, so the server cut it: its length is the cap
        count += len(fresh)
        yield from fresh
        if limit is not None and count >= limit:
            return
        if cap is not None and len(page) < cap:
            return  # shorter than a cut page: nothing is left
        last = len(page)
        previous = {item.id for item in page}
        marker = UUID(page[-1].id)
