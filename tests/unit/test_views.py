"""cinder_attach.views: which field each -c name stands for (our names and the openstack CLI's headings)."""

from __future__ import annotations

import pytest

from cinder_attach.views import ATTACHMENT_COLUMNS, DISPLAY_NAMES, SUMMARY_COLUMNS, column_fields


@pytest.mark.parametrize(
    ("asked", "field"),
    [
        ("id", "id"),
        ("ID", "id"),
        ("Volume ID", "volume_id"),
        ("volume id", "volume_id"),
        ("VOLUME_ID", "volume_id"),
        ("Server ID", "instance"),
        ("Instance ID", "instance"),
        ("Status", "status"),
        ("Attach Mode", "attach_mode"),
        ("attach  mode", "attach_mode"),
        ("Attached At", "attached_at"),
        ("Detached At", "detached_at"),
        ("Properties", "connection_info"),
    ],
)
def test_a_field_or_its_openstack_heading_names_the_field(asked: str, field: str) -> None:
    assert column_fields([asked], ATTACHMENT_COLUMNS) == (field,)


def test_every_field_has_a_heading_and_no_heading_names_two_fields() -> None:
    assert set(DISPLAY_NAMES) == set(ATTACHMENT_COLUMNS)
    headings = [h.casefold() for names in DISPLAY_NAMES.values() for h in names]
    assert len(headings) == len(set(headings))


def test_order_is_kept_and_a_field_named_twice_shows_once() -> None:
    assert column_fields(["Status", "ID", "id", "status"], ATTACHMENT_COLUMNS) == ("status", "id")


def test_an_unknown_name_stays_as_given_for_the_check_to_refuse() -> None:
    assert column_fields(["Bogus", "ID"], ATTACHMENT_COLUMNS) == ("Bogus", "id")


def test_only_the_given_fields_are_named() -> None:
    assert column_fields(["Attach Mode"], SUMMARY_COLUMNS) == ("Attach Mode",)
    assert column_fields(["Completed", "ID"], ("id", "completed")) == ("completed", "id")
