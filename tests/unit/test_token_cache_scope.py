"""The token cache key follows every setting that changes whose token a run gets, through the real path:
the ``--os-*`` flags and ``connect()`` (which nest the auth settings under ``auth``, as openstacksdk's
loader wants them), the real loader and keystoneauth1, against a Keystone-like server. A key that ignored
one of them would hand a second project of the same user the first project's token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_keystone import PROJECT, FakeKeystone, write_clouds
from helpers import ATT, attachment, invoke
from local_server import Answer, LocalServer, Seen

import cinder_attach


def show_answer(seen: Seen) -> Answer:
    return Answer.json(200, {"attachment": attachment()})


# setting -> two values that each log in fine against the fake Keystone (region names are in its catalog;
# both auth URLs reach the same server, by address and by name).
SCOPE: dict[str, tuple[str, str]] = {
    "project_name": ("demo", "other"),
    "project_id": ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"),
    "project_domain_name": ("Default", "Elsewhere"),
    "user_domain_name": ("Default", "Elsewhere"),
    "username": ("alice", "bob"),
    "auth_url": ("http://127.0.0.1:{port}/v3", "http://localhost:{port}/v3"),
    "region_name": ("RegionOne", "RegionTwo"),
}


@pytest.fixture
def servers(clouds_file: Path) -> Iterator[tuple[FakeKeystone, int]]:
    """A Cinder, and a Keystone whose two regions both point at it; clouds.yaml has cloud `alpha`."""
    with LocalServer(show_answer) as cinder:
        regions = {"RegionOne": cinder.endpoint(PROJECT), "RegionTwo": cinder.endpoint(PROJECT)}
        keystone = FakeKeystone(regions=regions)
        with keystone.server() as ks:
            write_clouds(
                clouds_file, f"{ks.base}/v3", {"alpha": {"username": "alice", "regions": ["RegionOne", "RegionTwo"]}}
            )
            yield keystone, int(ks.base.rsplit(":", 1)[1])


def _value(setting: str, which: int, port: int) -> str:
    return SCOPE[setting][which].format(port=port)


@pytest.mark.parametrize("setting", sorted(SCOPE))
def test_each_flag_is_part_of_the_key(
    setting: str, servers: tuple[FakeKeystone, int], capsys: pytest.CaptureFixture[str]
) -> None:
    keystone, port = servers
    flag = "--os-" + setting.replace("_", "-")
    runs = [
        invoke(capsys, "show", ATT, "--os-cloud", "alpha", flag, _value(setting, which, port)) for which in (0, 1, 0, 1)
    ]
    assert [r.code for r in runs] == [0, 0, 0, 0], [r.err for r in runs]
    assert len(keystone.logins) == 2, f"{flag}: one login per value, then the cache ({keystone.logins})"


@pytest.mark.parametrize("setting", sorted(SCOPE))
def test_each_connect_setting_is_part_of_the_key(setting: str, servers: tuple[FakeKeystone, int]) -> None:
    keystone, port = servers
    for which in (0, 1, 0, 1):
        settings: dict[str, Any] = {setting: _value(setting, which, port)}
        assert cinder_attach.connect("alpha", **settings).show(ATT).id == ATT
    assert len(keystone.logins) == 2, f"connect({setting}=…): one login per value, then the cache"


def test_the_same_settings_share_one_login(
    servers: tuple[FakeKeystone, int], capsys: pytest.CaptureFixture[str]
) -> None:
    keystone, _ = servers
    for _ in range(3):
        assert invoke(capsys, "show", ATT, "--os-cloud", "alpha", "--os-project-name", "demo").code == 0
    assert cinder_attach.connect("alpha", project_name="demo").show(ATT).id == ATT
    assert len(keystone.logins) == 1, "the CLI and connect() give the same settings the same key"
