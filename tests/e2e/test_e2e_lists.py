"""E2E: `attach list` is the whole list. A volume with 1100 attachments (1000 is Cinder's page) lists all of them;
an admin sees another project's attachments with --all-projects or --project.

The attachments are seeded: a few are made through the API and their rows copied in the devcloud's database
with distinct created_at values (`scripts/devcloud seed-attachments`), and removed again when the test ends.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from attach_runner import Attach, Made

SEEDED = 1100


@pytest.fixture
def crowded(devcloud) -> str:
    vol = devcloud.new_volume(multiattach=True)
    assert devcloud.seed_attachments(vol, SEEDED) == SEEDED
    return vol


def cinder_gets(devcloud, mark: dict[str, int]) -> list[str]:
    return [r.path for r in devcloud.requests_since(mark) if r.service == "cinder" and r.method == "GET"]


def test_list_without_a_flag_is_the_whole_list(devcloud, attach: Attach, crowded: str) -> None:
    attach("list", "--volume-id", crowded, "--limit", "1")  # log in first, so the count below is the list's
    mark = devcloud.log_mark()
    r = attach("list", "--volume-id", crowded, "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    ids = r.out.split()
    assert len(ids) == len(set(ids)) == SEEDED
    gets = cinder_gets(devcloud, mark)
    assert len(gets) == 2 and "marker=" in gets[1], gets  # 1000, then the last 100


def test_list_json_of_1100_is_one_valid_document(attach: Attach, crowded: str) -> None:
    r = attach("list", "--volume-id", crowded, "--long", "-f", "json")
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert len(rows) == SEEDED and len({row["id"] for row in rows}) == SEEDED
    assert all(row["volume_id"] == crowded for row in rows)


def test_limit_caps_the_total_across_pages(devcloud, attach: Attach, crowded: str) -> None:
    r = attach("list", "--volume-id", crowded, "--limit", "1050", "--all-pages", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert len(set(r.out.split())) == 1050


def test_admin_sees_the_demo_projects_attachment_with_all_projects(devcloud: Any, attach: Attach, made: Made) -> None:
    vol = made.volume()
    r = attach("create354", "--volume-uuid", vol, "-f", "value", "-c", "id")  # as the demo project's member
    assert r.code == 0, r.err
    att = r.out.strip()

    def admin_ids(*args: str) -> list[str]:
        listed = attach("list", *args, "-f", "value", "-c", "id", cloud="devcloud-admin")
        assert listed.code == 0, listed.err
        return listed.out.split()

    assert att not in admin_ids()  # the admin's own project
    assert att in admin_ids("--all-projects")
    assert att in admin_ids("--all-projects", "--long")
    assert att in admin_ids("--project", devcloud.projects["demo"])
    assert att not in admin_ids("--all-projects", "--project", devcloud.projects["admin"])


def test_columns_by_the_openstack_clis_headings(devcloud, attach: Attach) -> None:
    vol, server = devcloud.new_volume(), "0b4e3f55-35c4-4a2e-9d8a-3a1f0f0c8f11"
    made = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, "--mode", "ro", "-f", "value",
                  "-c", "ID")  # fmt: skip
    assert made.code == 0, made.err
    att = made.out.strip()
    listed = attach("list", "--volume-id", vol, "-f", "value", "-c", "ID", "-c", "Server ID", "-c", "status")
    assert listed.code == 0 and listed.out == f"{att} {server} reserved\n", listed.err
    mark = devcloud.log_mark()
    short = attach("list", "--volume-id", vol, "-c", "Attach Mode")
    assert short.code == 2 and "Add --long." in short.err and attach.our_requests(mark) == []
    long = attach("list", "--volume-id", vol, "--long", "-f", "value", "-c", "attach mode")
    assert long.code == 0 and long.out == "ro\n", long.err
