"""E2E: deletes that scripts can repeat. ``--ignore-missing`` makes an attachment that is already gone a
success (a note on stderr says so); ``--volume V --instance-uuid I`` deletes that server's attachment of
the volume, found with one filtered GET, and deletes none when several match."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from attach_runner import Attach, server_attachments_of

pytestmark = pytest.mark.usefixtures("logged_in")  # the requests a test counts are its command's


def reserve(attach: Attach, volume: str, server: str) -> str:
    made = attach("create354", "--volume-uuid", volume, "--instance-uuid", server, "-f", "value", "-c", "id")
    assert made.code == 0, made.err
    return made.out.strip()


def cinder_requests(devcloud: Any, mark: dict[str, int]) -> list[tuple[str, str]]:
    return [(r.method, r.path.split("?")[0].rsplit("/", 1)[-1]) for r in devcloud.requests_since(mark)
            if r.service == "cinder"]  # fmt: skip


def test_a_repeated_delete_with_ignore_missing_succeeds(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    att = reserve(attach, vol, str(uuid.uuid4()))
    first = attach("delete", att, "--ignore-missing")
    assert first.code == 0 and first.err == "", first.err
    again = attach("delete", att, "--ignore-missing")
    assert again.code == 0, again.err
    assert again.err.splitlines() == [f"note: attachment {att} was already gone (--ignore-missing)."]
    plain = attach("delete", att)
    assert plain.code == 1 and "could not be found" in plain.err, "without the flag a missing one is an error"
    assert server_attachments_of(devcloud, vol) == []


def test_ignore_missing_still_deletes_the_others(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    att = reserve(attach, vol, str(uuid.uuid4()))
    missing = str(uuid.uuid4())
    r = attach("delete", missing, att, "--ignore-missing")
    assert r.code == 0, r.err
    assert missing in r.err and att not in r.err
    assert server_attachments_of(devcloud, vol) == []


def test_delete_by_volume_and_server(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume(multiattach=True)
    mine, theirs = str(uuid.uuid4()), str(uuid.uuid4())
    ours = reserve(attach, vol, mine)
    attach("complete", ours)  # the volume is in-use: another server may now reserve it too
    other = reserve(attach, vol, theirs)
    mark = devcloud.log_mark()
    r = attach("delete", "--volume", vol, "--instance-uuid", mine, "--os-service-cloud", "devcloud-service")
    assert r.code == 0, r.err
    assert cinder_requests(devcloud, mark) == [("GET", "attachments"), ("DELETE", ours)]
    assert [a["id"] for a in server_attachments_of(devcloud, vol)] == [other]


def test_several_matches_delete_none_and_list_them(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    server = str(uuid.uuid4())
    first = reserve(attach, vol, server)
    second = reserve(attach, vol, server)  # Cinder lets the same server reserve the volume again
    mark = devcloud.log_mark()
    r = attach("delete", "--volume", vol, "--instance-uuid", server)
    assert r.code == 1 and len(r.err.splitlines()) == 1, r.err
    assert first in r.err and second in r.err
    assert [m for m, _ in cinder_requests(devcloud, mark)] == ["GET"], "nothing deleted"
    assert {a["id"] for a in server_attachments_of(devcloud, vol)} == {first, second}


def test_no_match_by_volume_and_server_is_an_error_unless_ignored(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    nobody = str(uuid.uuid4())
    r = attach("delete", "--volume", vol, "--instance-uuid", nobody)
    assert r.code == 1 and "no attachment" in r.err, r.err
    ignored = attach("delete", "--volume", vol, "--instance-uuid", nobody, "--ignore-missing")
    assert ignored.code == 0 and ignored.err.startswith("note: "), ignored.err
