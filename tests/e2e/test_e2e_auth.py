"""E2E: every way of authenticating against the devcloud's real Keystone, the token cache's request count,
and concurrent cold runs logging in once."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import yaml
from attach_runner import Attach, cache_files


def _member(devcloud) -> dict[str, str]:
    return devcloud.user("devcloud")


def test_password_from_clouds_yaml_then_warm_run_is_one_request(devcloud, attach: Attach) -> None:
    mark = devcloud.log_mark()
    cold = attach("create354", "--volume-uuid", devcloud.new_volume(), "--instance-uuid", str(uuid.uuid4()))
    assert cold.code == 0, cold.err
    sent = attach.our_requests(mark)
    assert [(s, m) for s, m, _, _ in sent] == [("keystone", "POST"), ("cinder", "POST")], sent
    assert len(cache_files(attach.cwd)) == 1

    vol = devcloud.new_volume()
    mark = devcloud.log_mark()
    warm = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()))
    assert warm.code == 0, warm.err
    sent = attach.our_requests(mark)
    assert len(sent) == 1 and sent[0][:2] == ("cinder", "POST") and sent[0][2].endswith("/attachments"), sent


def test_cache_file_permissions_and_content(devcloud, attach: Attach) -> None:
    assert attach("list").code == 0
    (entry,) = cache_files(attach.cwd)
    assert entry.stat().st_mode & 0o777 == 0o600
    assert entry.parent.stat().st_mode & 0o777 == 0o700
    text = entry.read_text()
    assert _member(devcloud)["password"] not in text
    data = json.loads(text)
    assert data["token"] and data["endpoint"].endswith(devcloud.projects["demo"])


def test_secure_yaml_holds_the_password(devcloud, attach: Attach, tmp_path: Path) -> None:
    clouds = yaml.safe_load(devcloud.clouds_yaml.read_text())
    password = clouds["clouds"]["devcloud"]["auth"].pop("password")
    (tmp_path / "clouds.yaml").write_text(yaml.safe_dump(clouds))
    (tmp_path / "secure.yaml").write_text(yaml.safe_dump({"clouds": {"devcloud": {"auth": {"password": password}}}}))
    env = {
        "OS_CLIENT_CONFIG_FILE": str(tmp_path / "clouds.yaml"),
        "OS_CLIENT_SECURE_FILE": str(tmp_path / "secure.yaml"),
    }
    r = attach("list", env=env)
    assert r.code == 0, r.err


def _os_env(devcloud) -> dict[str, str]:
    user = _member(devcloud)
    return {
        "OS_CLIENT_CONFIG_FILE": "/nonexistent/clouds.yaml",
        "OS_AUTH_URL": devcloud.keystone_url,
        "OS_USERNAME": user["name"],
        "OS_PASSWORD": user["password"],
        "OS_PROJECT_NAME": user["project"],
        "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_NAME": "Default",
        "OS_REGION_NAME": devcloud["region"],
    }


def test_os_variables_only(devcloud, attach: Attach) -> None:
    r = attach("list", cloud=None, env=_os_env(devcloud))
    assert r.code == 0, r.err


def test_named_cloud_wins_over_os_variables(devcloud, attach: Attach) -> None:
    env = _os_env(devcloud) | {"OS_PASSWORD": "wrong", "OS_CLIENT_CONFIG_FILE": str(devcloud.clouds_yaml)}
    assert attach("list", env=env).code == 0  # --os-cloud devcloud: the OS_* password is not used
    bad = attach("list", cloud=None, env=env)  # no cloud named: the OS_* variables are the cloud
    assert bad.code == 1 and "Keystone refused" in bad.err


def test_application_credential(devcloud, attach: Attach, cleanup) -> None:
    _, body = devcloud.auth("devcloud", fresh=True)
    user_id = body["user"]["id"]
    made = devcloud.keystone_api("POST", f"/users/{user_id}/application_credentials",
                                 {"application_credential": {"name": f"e2e-{uuid.uuid4().hex[:8]}"}})  # fmt: skip
    assert made.status == 201, made.body
    cred = made.body["application_credential"]
    cleanup.keystone(f"/users/{user_id}/application_credentials/{cred['id']}")
    env = {
        "OS_CLIENT_CONFIG_FILE": "/nonexistent/clouds.yaml",
        "OS_AUTH_TYPE": "v3applicationcredential",
        "OS_AUTH_URL": devcloud.keystone_url,
        "OS_APPLICATION_CREDENTIAL_ID": cred["id"],
        "OS_APPLICATION_CREDENTIAL_SECRET": cred["secret"],
        "OS_REGION_NAME": devcloud["region"],
    }
    r = attach("list", "--debug", cloud=None, env=env)
    assert r.code == 0, r.err
    assert cred["secret"] not in r.out + r.err
    assert all(cred["secret"] not in p.read_text() for p in cache_files(attach.cwd))


def test_token_and_endpoint(devcloud, attach: Attach) -> None:
    token, _ = devcloud.auth("devcloud", fresh=True)
    mark = devcloud.log_mark()
    r = attach("list", "--os-token", token, "--os-endpoint", devcloud.endpoint("devcloud"), cloud=None)
    assert r.code == 0, r.err
    assert [s for s, *_ in attach.our_requests(mark)] == ["cinder"]
    assert cache_files(attach.cwd) == []


def test_wrong_password(devcloud, attach: Attach) -> None:
    r = attach("list", "--os-password", "not-the-password", "--no-cache")
    assert r.code == 1
    assert r.err.startswith("Error: Keystone refused the credentials") and "not-the-password" not in r.err


def test_revoked_cached_token_reauthenticates_once(devcloud, attach: Attach) -> None:
    assert attach("list").code == 0
    (entry,) = cache_files(attach.cwd)
    data = json.loads(entry.read_text())
    data["token"] = "gAAAAABrevoked" + "x" * 100
    entry.write_text(json.dumps(data))
    mark = devcloud.log_mark()
    r = attach("list")
    assert r.code == 0, r.err
    sent = attach.our_requests(mark)
    # The logs are read per service, so compare per service: Cinder refused once, one login, one retry.
    assert [(m, st) for s, m, _, st in sent if s == "cinder"] == [("GET", 401), ("GET", 200)], sent
    assert [(m, st) for s, m, _, st in sent if s == "keystone"] == [("POST", 201)], sent
    assert json.loads(entry.read_text())["token"] != data["token"]


def test_expired_cached_token_is_not_used(devcloud, attach: Attach) -> None:
    assert attach("list").code == 0
    (entry,) = cache_files(attach.cwd)
    data = json.loads(entry.read_text())
    data["expires_at"] = 1.0
    entry.write_text(json.dumps(data))
    mark = devcloud.log_mark()
    assert attach("list").code == 0
    assert [s for s, *_ in attach.our_requests(mark)] == ["keystone", "cinder"]


def test_eight_concurrent_cold_runs_log_in_once(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    mark = devcloud.log_mark()
    argv = [str(attach.binary), "list", "--volume-id", vol, "--os-cloud", "devcloud", "-f", "value", "-c", "id"]
    runs = [
        subprocess.Popen(argv, env=attach.env, cwd=attach.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(8)
    ]
    results = [(run.wait(120), run.stderr.read() if run.stderr else b"") for run in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream is not None:
                stream.close()
    assert [code for code, _ in results] == [0] * 8, results
    ours = attach.our_requests(mark)
    logins = [r for r in ours if r[0] == "keystone" and r[1] == "POST" and r[2] == "/v3/auth/tokens"]
    assert len(logins) == 1, ours
    assert [r[1] for r in ours if r[0] == "cinder"] == ["GET"] * 8
    assert len(list((attach.cwd / "cache" / "cinder-attach").glob("*.lock"))) == 1


def test_scope_options_beat_their_os_variables(devcloud, attach: Attach) -> None:
    user = _member(devcloud)
    wrong = {"OS_PROJECT_NAME": "no-such-project", "OS_USER_DOMAIN_NAME": "NoSuchDomain",
             "OS_PROJECT_DOMAIN_NAME": "NoSuchDomain"}  # fmt: skip
    env = _os_env(devcloud) | wrong
    bad = attach("list", cloud=None, env=env)
    assert bad.code == 1 and "Keystone refused" in bad.err, "the wrong variables alone fail"
    options = ("--os-project-name", user["project"], "--os-user-domain-name", "Default",
               "--os-project-domain-name", "Default")  # fmt: skip
    r = attach("list", *options, cloud=None, env=env)
    assert r.code == 0, r.err
