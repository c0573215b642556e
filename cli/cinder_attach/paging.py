"""Marker paging, the one way every list is read: page after page until a short page, or the limit.

Cinder sends no next links; the last id of a page is the marker of the next. Only the last page's ids
are kept, enough to see Cinder hand a page back again (equal ``created_at`` values make marker paging
repeat one), so memory stays flat however long the list is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any
from uuid import UUID

# Cinder's default osapi_max_limit: the most rows one page can hold.
PAGE_SIZE = 1000
MAX_PAGES = 100_000
# Fetches one page: (how many at most, the marker or None) -> the page's items (each with an ``id``).
Fetch = Callable[[int, UUID | None], Sequence[Any]]


def pages(fetch: Fetch, *, limit: int | None = None, marker: UUID | None = None) -> Iterator[Any]:
    """Every item, page after page, at most ``limit`` (at least 1; see inputs.check_limit) in all, after ``marker``."""
    count = 0
    previous: set[str] = set()
    for _ in range(MAX_PAGES):
        want = PAGE_SIZE if limit is None else min(PAGE_SIZE, limit - count)
        page = fetch(want, marker)
        fresh = [item for item in page if item.id not in previous]
        count += len(fresh)
        yield from fresh
        # A short page is the last; a page with nothing new means paging repeated itself.
        if not fresh or len(page) < want or (limit is not None and count >= limit):
            return
        previous = {item.id for item in page}
        marker = UUID(page[-1].id)
