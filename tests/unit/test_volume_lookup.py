"""A volume by name or UUID: AttachmentClient.find_volume_id (the match is exact, ambiguity names each id), and
--volume NAME|UUID on create354, create327 and list."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from helpers import ATT, ENDPOINT, OTHER, THIRD, VOL, FakeCinder, Result, summary

import cinder_attach
from cinder_attach import AttachmentClient, UsageError, VolumeLookupError

PROJECT = ENDPOINT.rsplit("/", 1)[-1]


def volume(ident: str = VOL, name: str | None = "data-1", status: str = "available", **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": name, "status": status, "size": 1, "links": [], **extra}


def volumes(*items: dict[str, Any]) -> dict[str, Any]:
    return {"volumes": list(items)}


def lookup(request: httpx.Request) -> tuple[str, str, dict[str, str], str]:
    return request.method, request.url.path, dict(request.url.params), request.headers["OpenStack-API-Version"]


# --- AttachmentClient.find_volume_id ---------------------------------------------------------------------------------


@pytest.mark.parametrize("given", [VOL, VOL.upper(), VOL.replace("-", ""), f"urn:uuid:{VOL}"])
def test_a_uuid_is_the_id_and_costs_no_request(client: AttachmentClient, cinder: FakeCinder, given: str) -> None:
    assert client.find_volume_id(given) == VOL
    assert cinder.requests == []


def test_a_unique_name_costs_one_get(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume()))
    assert client.find_volume_id("data-1") == VOL
    (request,) = cinder.requests
    assert lookup(request) == ("GET", f"{httpx.URL(ENDPOINT).path}/volumes/detail", {"name": "data-1"}, "volume 3.27")


def test_the_match_is_exact_whatever_the_server_matched(client: AttachmentClient, cinder: FakeCinder) -> None:
    """A MySQL Cinder compares names case-insensitively: 'Data-1' comes back for name=data-1 and is not a match."""
    cinder.reply(body=volumes(volume(OTHER, "Data-1"), volume(), volume(THIRD, "data-1 ")))
    assert client.find_volume_id("data-1") == VOL


def test_no_match_names_the_project(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume(OTHER, "DATA-1")))
    with pytest.raises(VolumeLookupError) as caught:
        client.find_volume_id("data-1")
    assert str(caught.value) == f"no volume named 'data-1' in project {PROJECT}."
    assert caught.value.matches == () and caught.value.exit_code == 1


def test_several_matches_list_each_id_with_its_status(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume(), volume(OTHER, status="in-use")))
    with pytest.raises(VolumeLookupError) as caught:
        client.find_volume_id("data-1")
    assert caught.value.matches == ((VOL, "available"), (OTHER, "in-use"))
    assert f"2 volumes are named 'data-1' in project {PROJECT}: {VOL} (available), {OTHER} (in-use)." in str(
        caught.value
    )
    assert len(cinder.requests) == 1


def test_an_empty_name_is_a_usage_error(client: AttachmentClient, cinder: FakeCinder) -> None:
    with pytest.raises(UsageError):
        client.find_volume_id(" ")
    assert cinder.requests == []


def test_a_lookup_failure_is_an_api_error(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(403, {"forbidden": {"code": 403, "message": "Policy doesn't allow volume:get_all."}})
    with pytest.raises(cinder_attach.APIError) as caught:
        client.find_volume_id("data-1")
    assert caught.value.status == 403


# --- --volume NAME|UUID on create354, create327 and list -------------------------------------------------------------


@pytest.mark.parametrize("command", ["create354", "create327"])
def test_create_by_name_looks_up_then_creates(cli: Callable[..., Result], cinder: FakeCinder, command: str) -> None:
    cinder.reply(body=volumes(volume())).reply()
    r = cli(command, "--volume", "data-1", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    get, post = r.requests
    assert (get.method, get.url.params["name"]) == ("GET", "data-1")
    assert post.method == "POST" and json.loads(post.content) == {"attachment": {"volume_uuid": VOL}}


@pytest.mark.parametrize("command", ["create354", "create327"])
def test_create_by_uuid_with_volume_sends_one_request(
    cli: Callable[..., Result], cinder: FakeCinder, command: str
) -> None:
    cinder.reply()
    r = cli(command, "--volume", VOL.upper())
    assert r.code == 0, r.err
    (post,) = r.requests
    assert json.loads(post.content) == {"attachment": {"volume_uuid": VOL}}


def test_create_with_an_ambiguous_name_creates_nothing(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume(), volume(OTHER, status="in-use")))
    r = cli("create354", "--volume", "data-1", "--instance-uuid", THIRD)
    assert r.code == 1
    assert [req.method for req in r.requests] == ["GET"]
    assert r.err == (
        f"Error: 2 volumes are named 'data-1' in project {PROJECT}: {VOL} (available), {OTHER} (in-use). "
        "Nothing was created. Give --volume-uuid with one of these ids.\n"
    )


def test_create_with_a_missing_name_creates_nothing(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(body=volumes())
    r = cli("create327", "--volume", "nope")
    assert r.code == 1 and [req.method for req in r.requests] == ["GET"]
    assert r.err.startswith(f"Error: no volume named 'nope' in project {PROJECT}. Nothing was created.")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        ([], "no volume given. Give --volume NAME|UUID or --volume-uuid UUID."),
        (["--volume", "data-1", "--volume-uuid", VOL], "give --volume-uuid or --volume, not both."),
        (["--volume", ""], "--volume is empty."),
        (["--volume-uuid", "data-1"], "--volume-uuid 'data-1' is not a UUID."),
        # every other input is checked before the name costs its GET
        (["--volume", "data-1", "--instance-uuid", "nope"], "--instance-uuid 'nope' is not a UUID."),
        (["--volume", "data-1", "--connector", "multipath=maybe"], "--connector multipath='maybe'"),
        (["--volume", "data-1", "--mode", "rx"], "--mode 'rx' is not rw or ro."),
    ],
)
def test_volume_usage_errors_send_nothing(
    cli: Callable[..., Result], cinder: FakeCinder, argv: list[str], needle: str
) -> None:
    r = cli("create354", *argv)
    assert r.code == 2 and r.requests == []
    assert r.err.startswith("Error: ") and needle in r.err and r.err.count("\n") == 1


def test_dry_run_still_looks_the_name_up_and_says_so(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume()))
    r = cli("create354", "--volume", "data-1", "--dry-run")
    assert r.code == 0, r.err
    assert [req.method for req in r.requests] == ["GET"]  # the POST is only shown
    assert r.out.startswith(f"POST {ENDPOINT}/attachments\n") and f'"volume_uuid": "{VOL}"' in r.out
    assert r.err == f"Note: --dry-run still looked up the volume name (one GET): 'data-1' is {VOL}.\n"


def test_dry_run_with_a_uuid_sends_nothing(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    r = cli("create354", "--volume", VOL, "--dry-run")
    assert r.code == 0 and r.requests == [] and r.err == ""


def test_list_by_name_filters_on_the_id(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume())).reply(body={"attachments": [summary()]}).reply(body={"attachments": []})
    r = cli("list", "--volume", "data-1", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert r.out == f"{ATT}\n"
    get_volumes, get_attachments, _end = r.requests
    assert get_volumes.url.path.endswith("/volumes/detail")
    assert get_attachments.url.params["volume_id"] == VOL


def test_list_volume_and_volume_id_are_exclusive(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    r = cli("list", "--volume", "data-1", "--volume-id", VOL)
    assert r.code == 2 and r.requests == [] and "give --volume-id or --volume, not both." in r.err
    r = cli("list", "--volume", "data-1", "--marker", "nope")
    assert r.code == 2 and r.requests == [] and "--marker" in r.err


def test_list_with_an_ambiguous_name_lists_nothing(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(body=volumes(volume(), volume(OTHER)))
    r = cli("list", "--volume", "data-1")
    assert r.code == 1 and r.out == "" and len(r.requests) == 1
    assert "Nothing was listed. Give --volume-id with one of these ids." in r.err
