"""Deletes that scripts can repeat: --ignore-missing (delete(ignore_missing=True)) makes Cinder's 404 for
the attachment a success with a note, and nothing else; --volume V --instance-uuid I (delete_for) finds the
server's attachment with one GET and deletes it, or deletes none of several."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import ATT, ENDPOINT, INST, TOKEN, VOL, FakeCinder, Result, assert_one_line_error

import cinder_attach
from cinder_attach.errors import AmbiguousAttachment, APIError, AttachError

OTHER = "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f"
GONE = {
    "itemNotFound": {
        "code": 404,
        "message": f"Volume attachment could not be found with filter: attachment_id = {ATT}.",
    }
}
NO_API = {"itemNotFound": {"code": 404, "message": "The resource could not be found."}}


def row(ident: str = ATT, instance: str | None = INST) -> dict[str, Any]:
    return {"id": ident, "status": "attached", "instance": instance, "volume_id": VOL}


def sent(r: Result) -> list[str]:
    return [f"{q.method} {q.url.path.rsplit('/', 1)[-1]}" for q in r.requests]


def test_a_missing_attachment_is_a_success_with_ignore_missing(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(404, GONE).reply(200, {"attachments": []})
    r = cli("delete", ATT, OTHER, "--ignore-missing")
    assert r.code == 0, r.err
    assert r.out == f"Deleted attachment {OTHER}.\n", "the gone one prints nothing on stdout"
    assert r.err == f"note: attachment {ATT} was already gone (--ignore-missing).\n"
    assert sent(r) == [f"DELETE {ATT}", f"DELETE {OTHER}"]


def test_without_the_flag_a_missing_attachment_fails(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(404, GONE)
    r = cli("delete", ATT)
    assert r.code == 1 and "could not be found" in r.err


def test_ignore_missing_ignores_no_other_404(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(404, NO_API)
    r = cli("delete", ATT, "--ignore-missing")
    assert r.code == 1 and "The resource could not be found." in r.err, "a wrong endpoint is no missing attachment"


def test_delete_by_volume_and_server(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(200, {"attachments": [row()]}).reply(200, {"attachments": []})
    r = cli("delete", "--volume", VOL, "--instance-uuid", INST.upper())
    assert r.code == 0, r.err
    assert r.out == f"Deleted attachment {ATT} (volume {VOL}, instance {INST}).\n"
    assert sent(r) == ["GET attachments", f"DELETE {ATT}"]
    assert dict(r.requests[0].url.params) == {"volume_id": VOL, "instance_id": INST}, "one filtered GET, no limit"


def test_several_matches_delete_none(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(200, {"attachments": [row(), row(OTHER)]})
    r = cli("delete", "--volume", VOL, "--instance-uuid", INST)
    line = assert_one_line_error(r, 1)
    assert f"2 attachments of volume {VOL} are for instance {INST}: {ATT}, {OTHER}; none was deleted." in line
    assert "attach delete ID" in line and sent(r) == ["GET attachments"]


def test_rows_of_another_instance_do_not_count(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    # Cinder filters by instance_id; a row that is not the server's (a server that ignores it) is never deleted.
    cinder.reply(200, {"attachments": [row(OTHER, instance=None)]})
    r = cli("delete", "--volume", VOL, "--instance-uuid", INST)
    assert f"no attachment of volume {VOL} is for instance {INST}; nothing was deleted." in assert_one_line_error(r, 1)
    assert sent(r) == ["GET attachments"]


def test_no_match_with_ignore_missing_is_a_note(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(200, {"attachments": []})
    r = cli("delete", "--volume", VOL, "--instance-uuid", INST, "--ignore-missing")
    assert r.code == 0 and r.out == ""
    assert r.err.startswith(f"note: no attachment of volume {VOL} is for instance {INST} (--ignore-missing)")


def test_dry_run_by_volume_reads_then_shows_the_delete(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(200, {"attachments": [row()]})
    r = cli("delete", "--volume", VOL, "--instance-uuid", INST, "--dry-run")
    assert r.code == 0 and sent(r) == ["GET attachments"]
    assert r.out.startswith(f"DELETE {ENDPOINT}/attachments/{ATT}")


@pytest.mark.parametrize(
    "argv",
    [
        ["delete"],
        ["delete", "--volume", VOL],
        ["delete", "--instance-uuid", INST],
        ["delete", ATT, "--volume", VOL, "--instance-uuid", INST],
        ["delete", "--volume", VOL, "--instance-uuid", "nope"],
    ],
)
def test_usage_errors_send_nothing(cli: Callable[..., Result], cinder: FakeCinder, argv: list[str]) -> None:
    r = cli(*argv)
    assert r.code == 2 and r.requests == [], r.err


# --- the Python API --------------------------------------------------------------------------------------------------


@pytest.fixture
def python(cinder: FakeCinder) -> cinder_attach.AttachmentClient:
    return cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT)


def test_python_ignore_missing(python: cinder_attach.AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(404, GONE).reply(404, GONE)
    assert python.delete(ATT, ignore_missing=True) is False
    with pytest.raises(APIError):
        python.delete(ATT)


def test_python_delete_for(python: cinder_attach.AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(200, {"attachments": [row()]}).reply(200, {"attachments": []})
    assert python.delete_for(VOL, INST) == ATT
    cinder.reply(200, {"attachments": [row(), row(OTHER)]})
    with pytest.raises(AmbiguousAttachment) as caught:
        python.delete_for(VOL, INST)
    assert caught.value.matches == (ATT, OTHER) and "attach " not in str(caught.value)
    cinder.reply(200, {"attachments": []})
    assert python.delete_for(VOL, INST, ignore_missing=True) is None
    cinder.reply(200, {"attachments": []})
    with pytest.raises(AttachError, match="nothing was deleted"):
        python.delete_for(VOL, INST)
