"""E2E: a busy volume. An admin's ``os-reset_status`` makes a volume ``creating`` (Cinder then refuses to
reserve it, as it does a volume that is really being created). Without ``--wait`` the refusal names that
status and suggests ``--wait``; with it, ``attach`` reads the volume until it is available and creates
once; an error status or the deadline ends the wait with nothing created. Ctrl-C during a wait is one
line and exit 130, and leaves nothing behind."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
from attach_runner import Attach, server_attachments_of, server_volume

pytestmark = pytest.mark.usefixtures("logged_in")  # the requests a test counts are its command's


def set_status(devcloud: Any, volume: str, status: str) -> None:
    res = devcloud.api("POST", f"/volumes/{volume}/action", {"os-reset_status": {"status": status}})
    assert res.status == 202, res


def sent(attach: Attach, mark: dict[str, int], volume: str) -> list[str]:
    """The command's Cinder requests, as 'METHOD what' (the volume read, or the attachments path)."""
    return [
        f"{method} {'volume' if path.endswith(f'/volumes/{volume}') else path.rsplit('/', 1)[-1]}"
        for service, method, path, _ in attach.our_requests(mark)
        if service == "cinder"
    ]


@pytest.fixture
def creating(devcloud: Any) -> Iterator[str]:
    """A volume in status creating; available again afterwards (a creating volume cannot be deleted)."""
    vol = devcloud.new_volume()
    set_status(devcloud, vol, "creating")
    yield vol
    set_status(devcloud, vol, "available")


def test_the_refusal_names_the_status_and_suggests_wait(devcloud: Any, attach: Attach, creating: str) -> None:
    r = attach("create354", "--volume-uuid", creating)
    assert r.code == 1 and r.out == ""
    (line,) = r.err.splitlines()
    assert "the current status is creating" in line, line
    assert "creating" in line.split("(HTTP 400")[1] and "--wait" in line, "the hint names the status and --wait"
    assert "already reserved or attached" not in line
    assert server_attachments_of(devcloud, creating) == []


@pytest.mark.parametrize("command", ["create354", "create327"])
def test_wait_reads_until_available_then_creates_once(
    devcloud: Any, attach: Attach, creating: str, command: str
) -> None:
    mark = devcloud.log_mark()
    proc = subprocess.Popen(
        [str(attach.binary), command, "--volume-uuid", creating, "--wait", "60", "-f", "value", "-c", "id",
         "--os-cloud", "devcloud"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=attach.env, cwd=attach.cwd,
    )  # fmt: skip
    time.sleep(2.5)
    assert proc.poll() is None, "still waiting while the volume is creating"
    set_status(devcloud, creating, "available")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    made = out.strip()
    assert [a["id"] for a in server_attachments_of(devcloud, creating)] == [made]
    assert server_volume(devcloud, creating)["status"] == "reserved"
    requests = sent(attach, mark, creating)
    assert requests.count("POST attachments") == 1 and requests[-1] == "POST attachments", requests
    assert requests.count("GET volume") >= 2 and set(requests[:-1]) == {"GET volume"}, requests
    assert "Traceback" not in err


def test_wait_on_an_available_volume_costs_one_read(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    mark = devcloud.log_mark()
    r = attach("create354", "--volume-uuid", vol, "--wait", "30", "-f", "value", "-c", "id")
    assert r.code == 0 and r.err == "", r.err
    assert sent(attach, mark, vol) == ["GET volume", "POST attachments"]
    assert [a["id"] for a in server_attachments_of(devcloud, vol)] == [r.out.strip()]


def test_an_error_status_ends_the_wait_at_once(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    set_status(devcloud, vol, "error")
    mark = devcloud.log_mark()
    started = time.monotonic()
    r = attach("create354", "--volume-uuid", vol, "--wait", "60")
    assert time.monotonic() - started < 30
    assert r.code == 1 and len(r.err.splitlines()) == 1 and f"volume {vol} is error" in r.err, r.err
    assert sent(attach, mark, vol) == ["GET volume"]
    assert server_attachments_of(devcloud, vol) == []


def test_the_deadline_ends_the_wait_with_nothing_created(devcloud: Any, attach: Attach, creating: str) -> None:
    mark = devcloud.log_mark()
    r = attach("create354", "--volume-uuid", creating, "--wait", "2")
    assert r.code == 1 and len(r.err.splitlines()) == 1, r.err
    assert "still creating after waiting 2 s; nothing was created" in r.err
    assert set(sent(attach, mark, creating)) == {"GET volume"}
    assert server_attachments_of(devcloud, creating) == []


def test_ctrl_c_during_a_wait_is_one_line_and_leaves_nothing(devcloud: Any, attach: Attach, creating: str) -> None:
    proc = subprocess.Popen(
        [str(attach.binary), "create354", "--volume-uuid", creating, "--wait", "60", "--os-cloud", "devcloud"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=attach.env, cwd=attach.cwd,
    )  # fmt: skip
    time.sleep(2.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and out == ""
    assert err.splitlines() == ["Error: interrupted."], err
    set_status(devcloud, creating, "available")
    assert server_attachments_of(devcloud, creating) == []
