"""E2E: a volume by name on the real Cinder (--volume NAME): one GET, exact match, nothing created when the
name is missing or ambiguous, and --dry-run still resolves it. Volumes are made through the Cinder API by the
`made` fixture, which deletes them (and their attachments) afterwards."""

from __future__ import annotations

import uuid
from typing import Any

from attach_runner import OUR_AGENTS, Attach, Made, server_attachments_of, server_volume


def cinder_calls(devcloud: Any, mark: dict[str, int]) -> list[tuple[str, str]]:
    """(method, path after the project) of each request `attach` sent to Cinder since `mark`, query included."""
    return [
        (e.method, e.path.split(devcloud.projects["demo"], 1)[-1])
        for e in devcloud.access_entries_since(mark)
        if e.service == "cinder" and e.user_agent.startswith(OUR_AGENTS)
    ]


def unique(label: str) -> str:
    return f"by-name-{label}-{uuid.uuid4().hex[:8]}"


def test_a_unique_name_costs_one_get(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("one")
    vol = made.volume(name)
    assert attach("list", "--volume-id", vol).code == 0  # warm the token cache: count only the create's requests
    mark = devcloud.log_mark()
    r = attach("create354", "--volume", name, "--instance-uuid", str(uuid.uuid4()), "-f", "json")
    assert r.code == 0, r.err
    assert r.json()["volume_id"] == vol
    assert cinder_calls(devcloud, mark) == [("GET", f"/volumes/detail?name={name}"), ("POST", "/attachments")]
    listed = attach("list", "--volume", name, "-f", "value", "-c", "id")
    assert listed.code == 0 and listed.out.split() == [r.json()["id"]]


def test_a_missing_name_is_exit_1(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("none")
    mark = devcloud.log_mark()
    r = attach("create327", "--volume", name)
    assert r.code == 1
    assert r.err.startswith(f"Error: no volume named '{name}' in project {devcloud.projects['demo']}.")
    assert cinder_calls(devcloud, mark) == [("GET", f"/volumes/detail?name={name}")]


def test_an_ambiguous_name_creates_nothing(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("twin")
    first, second = made.volume(name), made.volume(name)
    mark = devcloud.log_mark()
    r = attach("create354", "--volume", name, "--instance-uuid", str(uuid.uuid4()))
    assert r.code == 1
    assert f"2 volumes are named '{name}' in project {devcloud.projects['demo']}: " in r.err
    assert f"{first} (available)" in r.err and f"{second} (available)" in r.err and "Nothing was created." in r.err
    assert cinder_calls(devcloud, mark) == [("GET", f"/volumes/detail?name={name}")]
    for vol in (first, second):
        assert server_attachments_of(devcloud, vol) == []
        assert server_volume(devcloud, vol)["status"] == "available"


def test_dry_run_resolves_the_name_and_sends_no_create(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("dry")
    vol = made.volume(name)
    r = attach("create354", "--volume", name, "--dry-run")
    assert r.code == 0, r.err
    assert f"Note: --dry-run still looked up the volume name (one GET): '{name}' is {vol}." in r.err
    assert r.out.startswith("POST ") and f'"volume_uuid": "{vol}"' in r.out
    assert server_attachments_of(devcloud, vol) == []
