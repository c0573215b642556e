"""prune's verdict table: every combination of what Cinder shows and what Nova answers."""

from __future__ import annotations

import pytest

from cinder_attach import prune
from cinder_attach.prune import (
    Candidate,
    Failed,
    Holding,
    Listing,
    NotFound,
    ServerState,
    ServerView,
    Shown,
    needs_show,
    server_view,
    servers_to_ask,
    verdict,
    verdicts,
)

ATT, OTHER, VOL, VOL2, SRV = "att-1", "att-2", "vol-1", "vol-2", "srv-1"


def cand(
    *, instance: str | None = SRV, connected: bool = True, status: str = "attached", ident: str = ATT
) -> Candidate:
    return Candidate(ident, VOL, instance, status, connected)


def holding(*ids: str | None, volume: str = VOL) -> Holding:
    return Holding({volume: tuple(ids)})


ACTIVE = ServerState("ACTIVE")
E403, E500 = Failed("Nova answered HTTP 403 (forbidden)"), Failed("Nova answered HTTP 500 (computeFault)")

# (case, candidate, listing, shown, verdict, the reason starts with, old-host warning)
TABLE = [
    ("no instance, connected", cand(instance=None), None, None, "unknown", prune.NO_INSTANCE, False),
    ("no instance, reserved", cand(instance=None, connected=False, status="reserved"), None, None,
     "unknown", prune.NO_INSTANCE, False),
    ("list 403", cand(), E403, None, "unknown", "Nova's answer decides nothing: Nova answered HTTP 403", False),
    ("list 500", cand(), E500, None, "unknown", "Nova's answer decides nothing: Nova answered HTTP 500", False),
    ("gone, connected", cand(), NotFound(), NotFound(), "prune", "server gone", True),
    ("gone, reserved", cand(connected=False, status="reserved"), NotFound(), NotFound(), "prune", "server gone",
     False),
    ("list 404 but server shown", cand(), NotFound(), ACTIVE, "unknown", "Nova's answer decides nothing", False),
    ("list 404, show 403", cand(), NotFound(), E403, "unknown", "Nova's answer decides nothing: Nova answered HTTP 403",
     False),
    ("list 404, show 500", cand(), NotFound(), E500, "unknown", "Nova's answer decides nothing: Nova answered HTTP 500",
     False),
    ("alive, holds nothing", cand(), Holding({}), None, "prune", "Nova does not hold it", True),
    ("alive, holds other volumes", cand(), holding(OTHER, volume=VOL2), None, "prune", "Nova does not hold it", True),
    ("alive, not held, not connected", cand(connected=False, status="reserved"), Holding({}), None,
     "prune", "Nova does not hold it", False),
    ("held with this id", cand(), holding(ATT), None, "keep", "Nova holds it", False),
    ("held with this id and another", cand(), holding(OTHER, ATT), None, "keep", "Nova holds it", False),
    ("held with this id, reserved", cand(connected=False, status="reserved"), holding(ATT), None,
     "keep", "Nova holds it", False),
    ("other id, active", cand(), holding(OTHER), ACTIVE, "prune", "Nova holds the volume with another attachment",
     True),
    ("other id, shutoff", cand(), holding(OTHER), ServerState("SHUTOFF"), "prune", "Nova holds the volume with", True),
    ("other id, MIGRATING", cand(), holding(OTHER), ServerState("MIGRATING", "migrating"), "keep",
     "server is moving (migrating)", False),
    ("other id, live migration task only", cand(), holding(OTHER), ServerState("ACTIVE", "migrating"), "keep",
     "server is moving (migrating)", False),
    ("other id, RESIZE", cand(), holding(OTHER), ServerState("RESIZE", "resize_migrating"), "keep",
     "server is moving (resize_migrating)", False),
    ("other id, resize_finish", cand(), holding(OTHER), ServerState("RESIZE", "resize_finish"), "keep",
     "server is moving", False),
    ("other id, VERIFY_RESIZE", cand(), holding(OTHER), ServerState("VERIFY_RESIZE"), "keep",
     "server is moving (VERIFY_RESIZE)", False),
    ("other id, REVERT_RESIZE", cand(), holding(OTHER), ServerState("REVERT_RESIZE", "resize_reverting"), "keep",
     "server is moving", False),
    ("other id, resize_prep on an active server", cand(), holding(OTHER), ServerState("ACTIVE", "resize_prep"),
     "keep", "server is moving", False),
    ("other id, unrelated task", cand(), holding(OTHER), ServerState("ACTIVE", "rebooting"), "prune",
     "Nova holds the volume with another attachment (att-2)", True),
    ("other id, state not read", cand(), holding(OTHER), None, "unknown", "Nova holds the volume as att-2", False),
    ("other id, show 403", cand(), holding(OTHER), E403, "unknown", "Nova holds the volume as att-2; is the server",
     False),
    ("other id, show 404 (deleted meanwhile)", cand(), holding(OTHER), NotFound(), "prune", "server gone", True),
    ("held without attachment ids (< 2.89)", cand(), holding(None), ACTIVE, "unknown",
     "Nova holds the volume but did not say", False),
]  # fmt: skip


@pytest.mark.parametrize(("case", "c", "listing", "shown", "want", "reason", "warns"), TABLE, ids=[t[0] for t in TABLE])
def test_verdict_table(
    case: str, c: Candidate, listing: Listing | None, shown: Shown | None, want: str, reason: str, warns: bool
) -> None:
    view = None if listing is None else server_view(listing, shown)
    row = verdict(c, view)
    assert (row.verdict, row.id, row.volume_id, row.instance, row.status) == (want, c.id, VOL, c.instance, c.status)
    assert row.reason.startswith(reason), row.reason
    assert (prune.OLD_HOST in row.reason) is warns, row.reason


def test_only_prune_rows_warn_about_the_old_host() -> None:
    for _, c, listing, shown, *_ in TABLE:
        row = verdict(c, None if listing is None else server_view(listing, shown))
        if prune.OLD_HOST in row.reason:
            assert row.verdict == "prune" and c.connected


def test_a_failed_nova_never_prunes() -> None:
    for failure in (E403, E500, Failed("no compute endpoint in the catalog")):
        for listing, shown in ((failure, None), (NotFound(), failure)):
            for c in (cand(), cand(connected=False, status="reserved"), cand(status="error_attaching")):
                assert verdict(c, server_view(listing, shown)).verdict == "unknown"


def test_servers_are_asked_once_each_in_order() -> None:
    cs = [cand(instance="b"), cand(instance=None), cand(instance="a"), cand(instance="b"), cand(instance="c")]
    assert servers_to_ask(cs) == ["b", "a", "c"]


def test_the_server_is_shown_only_after_a_404_or_for_another_attachment_id() -> None:
    mine = [cand()]
    assert needs_show(NotFound(), mine)
    assert needs_show(holding(OTHER), mine)
    assert not needs_show(holding(ATT), mine)
    assert not needs_show(holding(ATT, OTHER), mine)  # it holds ours: keep, whatever else it holds
    assert not needs_show(Holding({}), mine)
    assert not needs_show(holding(OTHER, volume=VOL2), mine)
    assert not needs_show(E403, mine)
    assert needs_show(holding(OTHER), [cand(ident="x"), cand()])


def test_verdicts_keep_order_and_mark_servers_not_asked() -> None:
    cs = [cand(ident="1", instance="a"), cand(ident="2", instance=None), cand(ident="3", instance="b")]
    rows = verdicts(cs, {"a": server_view(NotFound(), NotFound())})
    assert [(r.id, r.verdict) for r in rows] == [("1", "prune"), ("2", "unknown"), ("3", "unknown")]
    assert rows[2].reason == "Nova's answer decides nothing: Nova was not asked about this server"


def test_unavailable_nova_makes_every_instance_row_unknown_with_the_reason() -> None:
    view = prune.unavailable("no compute endpoint in the catalog")
    assert view == ServerView("unknown", why="no compute endpoint in the catalog")
    row = verdict(cand(), view)
    assert row.verdict == "unknown" and row.reason.endswith("no compute endpoint in the catalog")
