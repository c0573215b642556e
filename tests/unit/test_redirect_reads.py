"""Every read, like every write, treats a redirect (3xx) as an error: exactly one request, one ``Error:``
line, exit 1, and nothing, the token least of all, reaches the host the redirect names. With reads
allowed to follow redirects, ``show`` and ``list`` once sent the token elsewhere and exited 0."""

from __future__ import annotations

import pytest
from helpers import ATT, TOKEN, VOL, attachment
from local_server import Answer, LocalServer, Seen, assert_one_line_error, run_main


def anything(seen: Seen) -> Answer:
    """What the other host would answer, so that a followed redirect would succeed."""
    if "/volumes" in seen.path:
        volume = {"id": VOL, "name": "data", "status": "available", "multiattach": False, "attachments": []}
        return Answer.json(200, {"volumes": [volume], "volume": volume})
    if seen.path.endswith("/attachments") or "/attachments?" in seen.path or "/detail" in seen.path:
        return Answer.json(200, {"attachments": [attachment()]})
    return Answer.json(200, {"attachment": attachment()})


READS = {
    "show": ("show", ATT),
    "list": ("list",),
    "list_long": ("list", "--long"),
    "list_volume_name": ("list", "--volume", "data"),
    "create_volume_name": ("create354", "--volume", "data"),
}


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("read", sorted(READS))
def test_a_read_does_not_follow_a_redirect(capsys: pytest.CaptureFixture[str], read: str, status: int) -> None:
    with LocalServer(anything) as elsewhere:

        def redirect(seen: Seen) -> Answer:
            return Answer(status, b"", {"Location": elsewhere.base + seen.path})

        with LocalServer(redirect) as cinder:
            r = run_main(capsys, *READS[read], "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    line = assert_one_line_error(r, 1)
    assert f"HTTP {status}" in line, line
    assert len(cinder.seen) == 1, "exactly one request"
    assert cinder.seen[0].method == "GET", "the read itself was refused: nothing was created"
    assert elsewhere.seen == [], "nothing reached the other host"
    assert r.out == "" and TOKEN not in r.err
