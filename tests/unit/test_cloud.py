"""Cloud configuration through openstacksdk's loader, its precedence rules, and the token cache flow."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import VOL, FakeCinder, StubLogin

from cinder_attach import main as main_mod
from cinder_attach import token_cache
from cinder_attach.cloud import CloudArgs, load_region

CLOUDS = """
clouds:
  alpha:
    auth_type: password
    auth:
      auth_url: http://alpha.example:5000/v3
      username: alice
      password: alpha-pass
      project_name: p-alpha
      user_domain_name: Default
      project_domain_name: Default
    region_name: R1
  unversioned:
    auth:
      auth_url: http://beta.example:5000
      username: bob
      password: x
      project_name: p
"""


@pytest.fixture
def clouds_yaml(monkeypatch: pytest.MonkeyPatch) -> Path:
    # openstacksdk computes its search path once per process, so point at the files explicitly.
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "openstack" / "clouds.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(CLOUDS)
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(path))
    monkeypatch.setenv("OS_CLIENT_SECURE_FILE", str(path.parent / "secure.yaml"))
    return path


@pytest.fixture
def env_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OS_AUTH_URL", "http://env.example:5000/v3")
    monkeypatch.setenv("OS_USERNAME", "envuser")
    monkeypatch.setenv("OS_PASSWORD", "env-pass")
    monkeypatch.setenv("OS_PROJECT_NAME", "envproject")
    monkeypatch.setenv("OS_USER_DOMAIN_NAME", "Default")
    monkeypatch.setenv("OS_PROJECT_DOMAIN_NAME", "Default")


def test_named_cloud_ignores_other_os_variables(clouds_yaml: Path, env_cloud: None) -> None:
    region = load_region(CloudArgs(cloud="alpha"))
    assert region.config["auth"]["auth_url"] == "http://alpha.example:5000/v3"
    assert region.config["auth"]["username"] == "alice"
    assert region.get_region_name() == "R1"


def test_os_cloud_variable_names_the_cloud(clouds_yaml: Path, env_cloud: None, monkeypatch) -> None:
    monkeypatch.setenv("OS_CLOUD", "alpha")
    region = load_region(CloudArgs())
    assert region.config["auth"]["username"] == "alice"


def test_without_a_named_cloud_os_variables_form_the_cloud(clouds_yaml: Path, env_cloud: None) -> None:
    region = load_region(CloudArgs())
    assert region.name == "envvars"
    assert region.config["auth"]["auth_url"] == "http://env.example:5000/v3"
    assert region.config["auth"]["username"] == "envuser"


def test_every_given_auth_setting_wins_over_os_variables(env_cloud: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # openstacksdk lets the envvars cloud's top-level values beat `auth` (project, domains, ids, token).
    monkeypatch.setenv("OS_PROJECT_ID", "env-project-id")
    given = {"auth_url": "http://given.example/v3", "username": "u", "password": "pw", "project_name": "p",
             "project_id": "pid", "user_domain_name": "ud", "project_domain_name": "pd"}  # fmt: skip
    assert {k: v for k, v in load_region(CloudArgs(**given)).config["auth"].items() if k in given} == given
    for name in ("OS_USERNAME", "OS_PASSWORD", "OS_USER_DOMAIN_NAME"):  # not options of the token plugin
        monkeypatch.delenv(name)
    monkeypatch.setenv("OS_TOKEN", "env-token")
    token = load_region(CloudArgs(auth_type="v3token", token="given-token", project_id="pid")).config["auth"]
    assert (token["token"], token["project_id"]) == ("given-token", "pid")


def test_given_auth_settings_win_over_a_clouds_auth_section(clouds_yaml: Path) -> None:
    region = load_region(CloudArgs(cloud="alpha", project_name="p-given", user_domain_name="ud-given"))
    assert (region.config["auth"]["project_name"], region.config["auth"]["user_domain_name"]) == ("p-given", "ud-given")
    assert region.config["auth"]["username"] == "alice", "the rest still comes from the cloud"


def test_command_line_options_win_over_the_cloud(clouds_yaml: Path) -> None:
    region = load_region(CloudArgs(cloud="alpha", username="override", interface="internal"))
    assert region.config["auth"]["username"] == "override"
    assert region.get_interface() == "internal"


def test_unknown_region_is_a_config_error(clouds_yaml: Path) -> None:
    from cinder_attach.errors import ConfigError

    with pytest.raises(ConfigError, match="R9 is not a valid region"):
        load_region(CloudArgs(cloud="alpha", region_name="R9"))


def test_v3_auth_url_skips_version_discovery(clouds_yaml: Path) -> None:
    assert load_region(CloudArgs(cloud="alpha")).config["auth_type"] == "v3password"
    # Without /v3 in the URL, keystoneauth's generic plugin must discover the version itself.
    assert load_region(CloudArgs(cloud="unversioned")).config["auth_type"] == "password"


def test_secure_yaml_supplies_the_password(clouds_yaml: Path) -> None:
    clouds_yaml.write_text(CLOUDS.replace("      password: alpha-pass\n", ""))
    (clouds_yaml.parent / "secure.yaml").write_text("clouds:\n  alpha:\n    auth:\n      password: from-secure\n")
    assert load_region(CloudArgs(cloud="alpha")).config["auth"]["password"] == "from-secure"


def test_missing_configuration_is_a_usage_error(cli, cinder: FakeCinder) -> None:
    r = cli("list", direct=False)
    assert r.code == 2
    assert r.requests == []
    assert r.err.startswith("Error: no usable cloud configuration")
    assert "--os-cloud" in r.err and "OS_AUTH_URL" in r.err and "openstack" in r.err
    assert len(r.err.splitlines()) == 1


def test_unknown_cloud_names_the_known_ones(cli, cinder: FakeCinder, clouds_yaml: Path) -> None:
    r = cli("list", "--os-cloud", "nope", direct=False)
    assert r.code == 2
    assert "nope" in r.err and "alpha" in r.err and "unversioned" in r.err


def test_second_run_uses_the_cache(cli, cinder: FakeCinder, clouds_yaml: Path, keystone: StubLogin) -> None:
    cinder.reply().reply()
    assert cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", direct=False).code == 0
    r = cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", direct=False)
    assert r.code == 0, r.err
    assert keystone.calls == 1
    assert [q.headers["X-Auth-Token"] for q in r.requests] == ["token-1", "token-1"]


def test_editing_clouds_yaml_misses_the_cache(cli, cinder: FakeCinder, clouds_yaml: Path, keystone: StubLogin) -> None:
    cinder.reply().reply()
    cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", direct=False)
    clouds_yaml.write_text(CLOUDS.replace("p-alpha", "p-other"))
    cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", direct=False)
    assert keystone.calls == 2


def test_no_cache_neither_reads_nor_writes(cli, cinder: FakeCinder, clouds_yaml: Path, keystone: StubLogin) -> None:
    cinder.reply().reply()
    cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", "--no-cache", direct=False)
    cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", "--no-cache", direct=False)
    assert keystone.calls == 2
    assert not token_cache.cache_dir().exists() or not list(token_cache.cache_dir().iterdir())


def test_token_and_endpoint_options_need_no_keystone(cli, cinder: FakeCinder, keystone: StubLogin) -> None:
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 0
    assert keystone.calls == 0
    assert not token_cache.cache_dir().exists()


def test_cache_clear_command(cli, cinder: FakeCinder, clouds_yaml: Path, keystone: StubLogin, capsys) -> None:
    cinder.reply()
    cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", direct=False)
    assert len(list(token_cache.cache_dir().glob("*.json"))) == 1
    assert main_mod.main(["cache", "clear"]) == 0
    assert "Removed 1" in capsys.readouterr().out
    assert list(token_cache.cache_dir().glob("*.json")) == []


def test_a_refused_fresh_token_is_dropped_from_the_cache(
    cli, cinder: FakeCinder, clouds_yaml: Path, keystone: StubLogin
) -> None:
    cinder.reply(401, {"error": {"code": 401, "title": "Unauthorized", "message": "nope"}})
    r = cli("create354", "--volume-uuid", VOL, "--os-cloud", "alpha", direct=False)
    assert r.code == 1 and len(r.requests) == 1  # a fresh token is not retried
    assert list(token_cache.cache_dir().glob("*.json")) == []  # ...and not kept for the next run


def test_unknown_cloud_with_no_clouds_says_none(cli, cinder: FakeCinder, monkeypatch) -> None:
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", "/nonexistent/clouds.yaml")
    r = cli("list", "--os-cloud", "nope", direct=False)
    assert r.code == 2 and "Known clouds: none" in r.err


def test_username_without_a_domain_is_a_config_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main_mod.main(
        ["create354", "--volume-uuid", VOL, "--os-auth-url", "http://127.0.0.1:9/v3", "--os-username", "u",
         "--os-password", "secret-pw", "--os-project-name", "p"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("Error: the auth settings are incomplete") and "--os-user-domain-name" in err
    assert "unexpected failure" not in err and "secret-pw" not in err


def test_a_cold_run_shows_no_third_party_warning(tmp_path: Path) -> None:
    # Under -W default every warning would show: openstacksdk's InfluxDB one is raised each time a cloud loads.
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "c"), XDG_CONFIG_HOME=str(tmp_path / "x"))
    argv = ["create354", "--volume-uuid", VOL, "--os-auth-url", "http://127.0.0.1:9/v3", "--os-username", "u",
            "--os-password", "p", "--os-project-name", "p", "--os-user-domain-name", "Default",
            "--os-project-domain-name", "Default"]  # fmt: skip
    probe = "import sys; from cinder_attach.main import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", probe, *argv],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: cannot connect to Keystone"), done.stderr
    assert "Warning" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr


LAZY_SDK = """
import json, sys
{before}
from cinder_attach.cloud import CloudArgs, load_region
region = load_region(CloudArgs(auth_url="http://127.0.0.1:9/v3", username="u", password="p", project_name="p",
                               user_domain_name="Default", project_domain_name="Default"))
seen = {{"region": type(region).__name__, "connection_before": "openstack.connection" in sys.modules,
         "lazy": "__getattr__" in vars(sys.modules["openstack"])}}
from openstack import connection  # a module of the package: imported as usual
seen["module"] = connection.__name__
import openstack
seen["connect"] = callable(openstack.connect)  # any other name runs the package's own __init__ first
seen["connection_after"] = "openstack.connection" in sys.modules and openstack.connection is connection
print(json.dumps(seen))
"""


def lazy_sdk_probe(tmp_path: Path, before: str = "") -> dict[str, object]:
    import json
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "x"))
    done = subprocess.run([sys.executable, "-c", LAZY_SDK.format(before=before)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_the_cold_path_skips_openstacksdks_init_but_the_package_stays_whole(tmp_path: Path) -> None:
    # openstack/__init__.py imports the whole cloud layer; the loader needs none of it. A program that goes on
    # to use openstacksdk itself must still find everything there.
    assert lazy_sdk_probe(tmp_path) == {
        "region": "CloudRegion",
        "connection_before": False,
        "lazy": True,
        "module": "openstack.connection",
        "connect": True,
        "connection_after": True,
    }


def test_an_openstack_package_imported_before_is_left_alone(tmp_path: Path) -> None:
    seen = lazy_sdk_probe(tmp_path, before="import openstack")
    assert seen["connection_before"] is True and seen["lazy"] is False and seen["connect"] is True


# Enough OS_* variables to form the `envvars` cloud; a test drops the one it sets itself.
ENV_CLOUD = {"OS_AUTH_URL": "http://env.example:5000", "OS_USERNAME": "envuser", "OS_PASSWORD": "env-pass",
             "OS_PROJECT_NAME": "envproject", "OS_USER_DOMAIN_NAME": "Default", "OS_PROJECT_DOMAIN_NAME": "Default"}
ENV_VALUES = {"cloud": None, "auth_url": "http://other.example:5000/v3", "auth_type": "v3password",
              "username": "u2", "password": "p2", "user_domain_name": "D2", "project_name": "p2", "project_id": "pid2",
              "project_domain_name": "D3", "region_name": "R2", "interface": "internal"}  # fmt: skip


def option_fields_with_env() -> list[tuple[str, str]]:
    from dataclasses import fields

    return [(f.name, f.metadata["env"]) for f in fields(CloudArgs) if f.metadata.get("env")]


def test_the_help_names_a_variable_for_each_of_the_eleven_cloud_options() -> None:
    assert sorted(ENV_VALUES) == sorted(name for name, _ in option_fields_with_env())
    assert ("region_name", "OS_REGION_NAME") in option_fields_with_env()


def setting(region: object, name: str) -> object:
    """Where a cloud option's value ends up in the loaded configuration."""
    config = region.config  # type: ignore[attr-defined]
    if name == "region_name":
        return region.get_region_name()  # type: ignore[attr-defined]
    return config["auth"].get(name) if name in config["auth"] else config.get(name)


@pytest.mark.parametrize(
    ("name", "env"), [f for f in option_fields_with_env() if f[0] != "cloud"], ids=lambda v: str(v)
)
def test_each_named_variable_sets_what_its_option_sets(
    name: str, env: str, monkeypatch: pytest.MonkeyPatch, clouds_yaml: Path
) -> None:
    # With no cloud named, OS_FOO_BAR reaches the setting --os-foo-bar sets.
    for key, value in {**ENV_CLOUD, env: str(ENV_VALUES[name])}.items():
        monkeypatch.setenv(key, value)
    assert setting(load_region(CloudArgs()), name) == ENV_VALUES[name]
    assert setting(load_region(CloudArgs(**{name: str(ENV_VALUES[name])})), name) == ENV_VALUES[name]


def test_os_cloud_names_the_cloud_as_the_option_does(clouds_yaml: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OS_CLOUD", "alpha")
    assert dict(load_region(CloudArgs()).config) == dict(load_region(CloudArgs(cloud="alpha")).config)


def test_a_v3_os_auth_url_also_skips_version_discovery(clouds_yaml: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # OS_AUTH_URL reaches the loader's hook at the top level, not inside `auth`.
    for key, value in {**ENV_CLOUD, "OS_AUTH_URL": "http://env.example:5000/v3"}.items():
        monkeypatch.setenv(key, value)
    assert load_region(CloudArgs()).config["auth_type"] == "v3password"
