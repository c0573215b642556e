"""The wait for a busy volume: read until Cinder would reserve it, with growing pauses; a final status or
the deadline ends it with VolumeNotReady, and nothing else is sent."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from helpers import ATT, ENDPOINT, INST, TOKEN, VOL, FakeCinder, Result, assert_one_line_error

from cinder_attach import waiting
from cinder_attach.errors import UsageError, VolumeNotReady
from cinder_attach.waiting import MAX_PAUSE, ends_by_itself, reservable, wait_until_reservable

PROJECT = ENDPOINT.rsplit("/", 1)[-1]


@dataclass
class Volume:
    status: str
    multiattach: bool = False


@dataclass
class Scripted:
    """Answers each read with the next status (the last one repeats); a fake clock that sleeping moves."""

    statuses: list[str]
    multiattach: bool = False
    now: float = 0.0
    reads: list[float] = field(default_factory=list)
    pauses: list[float] = field(default_factory=list)

    def read(self) -> Volume:
        self.reads.append(self.now)
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return Volume(status, self.multiattach)

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> Volume:
        volume = wait_until_reservable(self.read, VOL, seconds, sleep=self.sleep, clock=self.clock)
        assert isinstance(volume, Volume)
        return volume


@pytest.mark.parametrize(
    ("status", "multiattach", "expected"),
    [
        ("available", False, True),
        ("downloading", False, True),
        ("in-use", False, False),
        ("in-use", True, True),
        ("reserved", True, False),
        ("creating", False, False),
        ("detaching", True, False),
    ],
)
def test_reservable_is_cinders_reserve_rule(status: str, multiattach: bool, expected: bool) -> None:
    assert reservable(Volume(status, multiattach)) is expected


@pytest.mark.parametrize(
    ("status", "multiattach"),
    [("error", False), ("error_extending", True), ("deleting", False), ("in-use", False), ("reserved", False),
     ("attaching", False), ("awaiting-transfer", False)],
)  # fmt: skip
def test_statuses_that_do_not_end_by_themselves(status: str, multiattach: bool) -> None:
    assert not ends_by_itself(Volume(status, multiattach))


@pytest.mark.parametrize(
    ("status", "multiattach"),
    [("creating", False), ("detaching", False), ("extending", True), ("backing-up", False), ("reserved", True),
     ("attaching", True)],
)  # fmt: skip
def test_statuses_that_end_by_themselves(status: str, multiattach: bool) -> None:
    assert ends_by_itself(Volume(status, multiattach))


def test_in_use_on_a_volume_that_is_not_multiattach_is_not_waited_for() -> None:
    script = Scripted(["in-use"])
    with pytest.raises(VolumeNotReady, match="is in-use and not multiattach: Cinder will not reserve it"):
        script.wait(60)
    assert len(script.reads) == 1 and script.pauses == []


def test_an_available_volume_costs_one_read_and_no_pause() -> None:
    script = Scripted(["available"])
    assert script.wait(60).status == "available"
    assert script.reads == [0.0] and script.pauses == []


def test_waits_with_growing_pauses_until_available() -> None:
    script = Scripted(["creating", "creating", "creating", "creating", "available"])
    assert script.wait(60).status == "available"
    assert len(script.reads) == 5
    assert script.pauses == sorted(script.pauses) and script.pauses[0] < script.pauses[-1] <= MAX_PAUSE


def test_in_use_is_enough_for_a_multiattach_volume() -> None:
    script = Scripted(["reserved", "in-use"], multiattach=True)
    assert script.wait(60).status == "in-use" and len(script.reads) == 2


def test_a_final_status_ends_the_wait_at_once() -> None:
    script = Scripted(["creating", "error"])
    with pytest.raises(VolumeNotReady) as caught:
        script.wait(60)
    assert caught.value.status == "error" and len(script.reads) == 2
    assert f"volume {VOL} is error: Cinder will not reserve it" in str(caught.value)
    assert "nothing was created" in str(caught.value) and caught.value.reason == "volume_not_ready"
    assert caught.value.exit_code == 1


def test_the_deadline_ends_the_wait_after_a_last_read() -> None:
    script = Scripted(["creating"])
    with pytest.raises(VolumeNotReady) as caught:
        script.wait(10)
    assert caught.value.status == "creating" and caught.value.reason == "volume_wait_timeout"
    assert "still creating after waiting 10 s" in str(caught.value)
    assert sum(script.pauses) == pytest.approx(10), "never sleeps past the deadline"
    assert script.reads[-1] == pytest.approx(10), "the last read is at the deadline"


def test_zero_seconds_reads_once() -> None:
    script = Scripted(["creating"])
    with pytest.raises(VolumeNotReady):
        script.wait(0)
    assert script.reads == [0.0] and script.pauses == []


def test_each_pause_is_logged_for_the_terminal(caplog: pytest.LogCaptureFixture) -> None:
    script = Scripted(["detaching", "available"])
    with caplog.at_level(logging.INFO, logger="cinder_attach"):
        script.wait(60)
    (record,) = caplog.records
    assert record.reason == "volume_wait" and record.terminal_only is True  # type: ignore[attr-defined]
    assert record.status == "detaching" and record.volume_id == VOL  # type: ignore[attr-defined]


# --- create354/create327 --wait, and create354(wait=…) ------------------------------------------------------


def volume_answer(status: str, multiattach: bool = False) -> dict[str, Any]:
    return {"volume": {"id": VOL, "name": "v", "status": status, "multiattach": multiattach, "attachments": []}}


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    pauses: list[float] = []
    monkeypatch.setattr(waiting.time, "sleep", pauses.append)
    return pauses


@pytest.mark.parametrize("command", ["create354", "create327"])
def test_wait_reads_the_volume_then_creates_once(
    cli: Callable[..., Result], cinder: FakeCinder, no_sleep: list[float], command: str
) -> None:
    cinder.reply(200, volume_answer("creating")).reply(200, volume_answer("creating"))
    cinder.reply(200, volume_answer("available")).reply()
    r = cli(command, "--volume-uuid", VOL, "--wait", "30", "-f", "value", "-c", "id")
    assert r.code == 0 and r.out == f"{ATT}\n", r.err
    assert [f"{q.method} {q.url.path.rsplit('/', 2)[-2]}" for q in r.requests] == [
        "GET volumes", "GET volumes", "GET volumes", f"POST {PROJECT}",
    ]  # fmt: skip
    assert r.requests[0].headers["openstack-api-version"] == "volume 3.48"
    assert len(no_sleep) == 2 and r.err == "", "the pauses' lines are for a terminal only"


def test_the_pauses_are_shown_on_a_terminal(
    cli: Callable[..., Result], cinder: FakeCinder, no_sleep: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    cinder.reply(200, volume_answer("detaching")).reply(200, volume_answer("available")).reply()
    r = cli("create354", "--volume-uuid", VOL, "--wait", "30")
    assert r.code == 0, r.err
    (line,) = r.err.splitlines()
    assert line.startswith(f"note: volume {VOL} is detaching; reading it again in 0.5 s"), line


def test_an_error_status_ends_the_wait_with_one_line(
    cli: Callable[..., Result], cinder: FakeCinder, no_sleep: list[float]
) -> None:
    cinder.reply(200, volume_answer("error"))
    r = cli("create354", "--volume-uuid", VOL, "--wait", "30")
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: volume {VOL} is error: Cinder will not reserve it")
    assert "nothing was created" in line
    assert [q.method for q in r.requests] == ["GET"] and no_sleep == []


def test_a_missing_volume_ends_the_wait(cli: Callable[..., Result], cinder: FakeCinder, no_sleep: list[float]) -> None:
    cinder.reply(404, {"itemNotFound": {"code": 404, "message": f"Volume {VOL} could not be found."}})
    r = cli("create354", "--volume-uuid", VOL, "--wait", "30")
    assert f"Volume {VOL} could not be found." in assert_one_line_error(r, 1)
    assert [q.method for q in r.requests] == ["GET"]


@pytest.mark.parametrize("value", ["-1", "nan", "soon"])
def test_a_bad_wait_is_a_usage_error(cli: Callable[..., Result], cinder: FakeCinder, value: str) -> None:
    r = cli("create354", "--volume-uuid", VOL, "--wait", value)
    assert r.code == 2 and r.requests == [] and "--wait" in r.err


def test_a_dry_run_does_not_wait(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    r = cli("create354", "--volume-uuid", VOL, "--wait", "30", "--dry-run")
    assert r.code == 0 and r.requests == [] and r.out.startswith("POST ")


def test_python_create_waits_too(cinder: FakeCinder, no_sleep: list[float]) -> None:
    import cinder_attach

    cinder.reply(200, volume_answer("reserved", multiattach=True)).reply(200, volume_answer("in-use", True)).reply()
    made = cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT).create354(VOL, instance_uuid=INST, wait=10)
    assert made.id == ATT and [q.method for q in cinder.requests] == ["GET", "GET", "POST"]
    with pytest.raises(UsageError):
        cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT).create327(VOL, wait=-5)
