"""brick: this host's connector from os-brick (the optional extra `host`).

Most cases swap os-brick for a fake in sys.modules; the last ones call the real os-brick of the dev venv.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cinder_attach import brick as hc
from cinder_attach import brick_log, host_ip
from cinder_attach.console import stderr_log
from cinder_attach.errors import EXIT_FAILURE, EXIT_USAGE, AttachError, UsageError
from cinder_attach.hints import for_cli

LINUX_PROPS = {
    "platform": "x86_64",
    "os_type": "linux",
    "multipath": False,
    "enforce_multipath": False,
    "do_local_attach": False,
    "nvme_native_multipath": False,
}


class FakeContext:
    """Stands in for an oslo.privsep PrivContext."""

    cfg_section = "privsep_osbrick"

    def __init__(self, start: Callable[[], None] | None = None) -> None:
        self.client_mode = True
        self.started = 0
        self._start = start

    def set_client_mode(self, enabled: bool) -> None:
        self.client_mode = enabled

    def start(self) -> None:
        self.started += 1
        if self._start is not None:
            self._start()


class FakeBrick:
    def __init__(self, props: Callable[..., dict[str, Any]], start: Callable[[], None] | None = None) -> None:
        self.props = props
        self.calls: list[tuple[Any, ...]] = []
        self.default = FakeContext(start)
        self.hidden = FakeContext()
        self.helper_commands: list[tuple[str, str]] = []

    def get_connector_properties(
        self, root_helper: str, my_ip: str, multipath: bool, enforce_multipath: bool, host: str | None = None
    ) -> dict[str, Any]:
        self.calls.append((root_helper, my_ip, multipath, enforce_multipath, host))
        return self.props(root_helper=root_helper, my_ip=my_ip, host=host)


@pytest.fixture
def fake_brick(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeBrick]:
    def install(
        props: Callable[..., dict[str, Any]] | None = None,
        *,
        euid: int = 0,
        start: Callable[[], None] | None = None,
        helper_found: bool = True,
    ) -> FakeBrick:
        def default_props(**kw: Any) -> dict[str, Any]:
            return {**LINUX_PROPS, "ip": kw["my_ip"], "host": kw["host"] or "node-1"}

        fake = FakeBrick(props or default_props, start)
        os_brick = ModuleType("os_brick")
        initiator = ModuleType("os_brick.initiator")
        connector = ModuleType("os_brick.initiator.connector")
        privileged = ModuleType("os_brick.privileged")
        connector.get_connector_properties = fake.get_connector_properties  # type: ignore[attr-defined]
        privileged.default = fake.default  # type: ignore[attr-defined]
        privileged.brick_privsep_hide_output = fake.hidden  # type: ignore[attr-defined]
        initiator.connector = connector  # type: ignore[attr-defined]
        os_brick.initiator = initiator  # type: ignore[attr-defined]
        os_brick.privileged = privileged  # type: ignore[attr-defined]
        for name, module in {
            "os_brick": os_brick,
            "os_brick.initiator": initiator,
            "os_brick.initiator.connector": connector,
            "os_brick.privileged": privileged,
        }.items():
            monkeypatch.setitem(sys.modules, name, module)
        monkeypatch.setattr(hc.os, "geteuid", lambda: euid)
        monkeypatch.setattr(hc, "_set_helper_command", lambda s, c: fake.helper_commands.append((s, c)))
        real_which = shutil.which

        def which(name: str, *args: Any, **kwargs: Any) -> str | None:
            if name == "sudo":
                return "/usr/bin/sudo" if helper_found else None
            return real_which(name, *args, **kwargs)

        monkeypatch.setattr(shutil, "which", which)
        return fake

    return install


def collect() -> tuple[list[str], Callable[[str], None]]:
    notes: list[str] = []
    return notes, notes.append


# --- the missing extra --------------------------------------------------------------------------------------


def test_without_os_brick_a_usage_error_names_the_install_command(
    no_os_brick: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UsageError) as caught:
        hc.host_connector(host_ip="192.0.2.1")
    err = caught.value
    assert err.exit_code == EXIT_USAGE == 2
    assert "os-brick, which is not installed" in str(err)
    assert "-m pip install '.[host]'" in str(err)
    assert "\n" not in str(err)
    assert capsys.readouterr() == ("", "")


def test_a_broken_os_brick_install_is_the_same_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("os_brick"):
            raise ModuleNotFoundError("No module named 'oslo_privsep'", name="oslo_privsep")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(UsageError) as caught:
        hc.host_connector(host_ip="192.0.2.1")
    assert "cannot be imported (No module named 'oslo_privsep')" in str(caught.value)
    assert str(caught.value).endswith(f"Install it in a cinder-attach checkout with: {hc.install_command()}")


# --- privileges -------------------------------------------------------------------------------------------------


def test_as_root_the_privileged_steps_run_in_process(fake_brick: Callable[..., FakeBrick]) -> None:
    fake = fake_brick(euid=0)
    result = hc.host_connector(host_ip="192.0.2.7", host="node-9", multipath=True, on_note=lambda s: None)
    assert fake.default.client_mode is False and fake.hidden.client_mode is False
    assert fake.default.started == 0 and fake.helper_commands == []
    assert fake.calls == [("sudo", "192.0.2.7", True, False, "node-9")]
    assert result["ip"] == "192.0.2.7" and result["host"] == "node-9"


def test_as_non_root_the_privsep_helper_starts_with_the_root_helper(fake_brick: Callable[..., FakeBrick]) -> None:
    fake = fake_brick(euid=1000)
    hc.host_connector(host_ip="192.0.2.7", root_helper="sudo -n", on_note=lambda s: None)
    assert fake.default.client_mode is True and fake.hidden.client_mode is True
    assert fake.default.started == 1
    ((section, command),) = fake.helper_commands
    assert section == "privsep_osbrick"
    assert command.startswith("sudo -n ") and command.endswith("privsep-helper")
    assert fake.calls[0][0] == "sudo -n"


def test_a_privsep_helper_that_cannot_start_is_one_line_without_traceback(
    fake_brick: Callable[..., FakeBrick], capsys: pytest.CaptureFixture[str]
) -> None:
    def start() -> None:  # what oslo.privsep does when `sudo privsep-helper` fails
        logging.getLogger("oslo.privsep.daemon").warning("privsep log: %s", "sudo: a password is required")
        logging.getLogger("oslo.privsep.daemon").critical("privsep helper command exited non-zero (1)")
        raise RuntimeError("privsep helper command exited non-zero (1)")

    fake = fake_brick(euid=1000, start=start)
    with pytest.raises(hc.HostConnectorError) as caught:
        hc.host_connector(host_ip="192.0.2.7")
    err = caught.value
    assert isinstance(err, AttachError) and err.exit_code == EXIT_FAILURE == 1
    text = str(err)
    assert "\n" not in text
    assert "cannot read this host's connector" in text
    assert "(sudo: a password is required)" in text
    assert "Run it as root, or configure sudo" in text
    assert fake.calls == []  # os-brick was not asked: it would log the failure and return a partial connector
    assert capsys.readouterr() == ("", "")  # no log line, no traceback


def test_no_sudo_is_a_clear_error(fake_brick: Callable[..., FakeBrick]) -> None:
    fake = fake_brick(euid=1000, helper_found=False)
    with pytest.raises(hc.HostConnectorError, match=r"the root helper 'sudo' was not found\. Run it as root"):
        hc.host_connector(host_ip="192.0.2.7")
    assert fake.default.started == 0


def test_an_os_error_during_the_call_as_non_root_is_the_helper_error(fake_brick: Callable[..., FakeBrick]) -> None:
    def props(**kw: Any) -> dict[str, Any]:
        raise PermissionError(13, "Permission denied", "sudo")

    fake_brick(props, euid=1000)
    with pytest.raises(hc.HostConnectorError, match=r"privileged helper did not start .*Permission denied"):
        hc.host_connector(host_ip="192.0.2.7")


def test_another_failure_is_a_host_connector_error(fake_brick: Callable[..., FakeBrick]) -> None:
    def props(**kw: Any) -> dict[str, Any]:
        raise ValueError("multipathd is not running\nsecond line")

    fake_brick(props, euid=0)
    with pytest.raises(hc.HostConnectorError) as caught:
        hc.host_connector(host_ip="192.0.2.7")
    assert str(caught.value) == (
        "os-brick could not read this host's connector: ValueError: multipathd is not running second line. "
        "os-brick's log (debug=True) says more."
    ), "the library names no CLI flag"
    assert str(for_cli(caught.value)).endswith(" second line. Run with --debug for os-brick's log."), "the CLI does"


# --- os-brick's log: notes ------------------------------------------------------------------------------------


def brick_logs_like_a_bare_vm(**kw: Any) -> dict[str, Any]:
    logging.getLogger("os_brick.initiator.connectors.iscsi").warning(
        "Could not find the iSCSI Initiator File %s", "/etc/iscsi/initiatorname.iscsi"
    )
    logging.getLogger("os_brick.initiator.connectors.nvmeof").warning("Could not find nvme_core/parameters/multipath")
    logging.getLogger("os_brick.initiator.connectors.nvmeof").debug("nvme not present on system")
    logging.getLogger("os_brick.privileged.nvmeof").warning(
        "Could not generate host nqn: %s", "[Errno 2] No such file or directory: 'nvme'"
    )
    logging.getLogger("oslo_concurrency.processutils").debug("Running cmd (subprocess): cat /etc/iscsi/...")
    return {**LINUX_PROPS, "ip": kw["my_ip"], "host": "vm"}


def test_known_log_lines_become_short_notes_and_the_rest_is_dropped(
    fake_brick: Callable[..., FakeBrick], capsys: pytest.CaptureFixture[str]
) -> None:
    fake_brick(brick_logs_like_a_bare_vm)
    notes, on_note = collect()
    hc.host_connector(host_ip="192.0.2.7", on_note=on_note)
    assert notes == [
        "no iSCSI initiator on this host (/etc/iscsi/initiatorname.iscsi missing)",
        "no NVMe host NQN on this host (no /etc/nvme/hostnqn, and nvme-cli is not installed)",
        "no Fibre Channel HBAs on this host (none in /sys/class/fc_host)",
    ]
    assert capsys.readouterr() == ("", "")


def test_notes_go_to_the_log_by_default_which_the_cli_shows_on_stderr(
    fake_brick: Callable[..., FakeBrick], capsys: pytest.CaptureFixture[str]
) -> None:
    fake_brick(brick_logs_like_a_bare_vm)
    hc.host_connector(host_ip="192.0.2.7")
    assert capsys.readouterr() == ("", ""), "the library itself writes nothing"
    with stderr_log(debug=False):  # the CLI's handler
        hc.host_connector(host_ip="192.0.2.7")
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0] == "note: no iSCSI initiator on this host (/etc/iscsi/initiatorname.iscsi missing)"
    assert len(err.splitlines()) == 3


def test_no_note_for_what_the_host_has(fake_brick: Callable[..., FakeBrick]) -> None:
    def props(**kw: Any) -> dict[str, Any]:
        brick_logs_like_a_bare_vm(**kw)  # a stale warning must not contradict the result
        logging.getLogger("os_brick.initiator.linuxfc").warning(
            "Could not read attributes for %(hp)s: %(exc)s", {"hp": "/sys/class/fc_host/host3", "exc": "EIO"}
        )
        return {**LINUX_PROPS, "ip": "x", "host": "vm", "initiator": "iqn.x", "nqn": "nqn.y"}

    fake_brick(props)
    notes, on_note = collect()
    hc.host_connector(host_ip="192.0.2.7", on_note=on_note)
    assert notes == ["could not read the Fibre Channel HBA /sys/class/fc_host/host3 (EIO)"]


def test_debug_shows_the_whole_log_on_stderr(
    fake_brick: Callable[..., FakeBrick], capsys: pytest.CaptureFixture[str]
) -> None:
    fake_brick(brick_logs_like_a_bare_vm)
    notes, on_note = collect()
    with stderr_log(debug=True):  # the CLI's handler, as --debug installs it
        hc.host_connector(host_ip="192.0.2.7", debug=True, on_note=on_note)
    out, err = capsys.readouterr()
    assert out == ""
    assert "WARNING os_brick.initiator.connectors.nvmeof: Could not find nvme_core/parameters/multipath" in err
    assert "DEBUG oslo_concurrency.processutils: Running cmd (subprocess)" in err
    assert len(notes) == 3


def test_the_loggers_are_as_before_after_the_call(fake_brick: Callable[..., FakeBrick]) -> None:
    fake_brick(brick_logs_like_a_bare_vm)
    before = {n: (lg.level, lg.propagate, list(lg.handlers)) for n in brick_log.LOGGERS if (lg := logging.getLogger(n))}
    hc.host_connector(host_ip="192.0.2.7", on_note=lambda s: None)
    after = {n: (lg.level, lg.propagate, list(lg.handlers)) for n in brick_log.LOGGERS if (lg := logging.getLogger(n))}
    assert after == before


# --- ip ---------------------------------------------------------------------------------------------------------


def test_ip_defaults_to_the_local_address_of_the_route_to_the_endpoint(fake_brick: Callable[..., FakeBrick]) -> None:
    fake = fake_brick()
    notes, on_note = collect()
    hc.host_connector(route_to="http://127.0.0.1:8776/v3/abc", on_note=on_note)
    assert fake.calls[0][1] == "127.0.0.1"


def test_ip_is_the_address_of_a_real_route(fake_brick: Callable[..., FakeBrick]) -> None:
    import socket

    fake = fake_brick()
    hc.host_connector(on_note=lambda s: None)
    ip = fake.calls[0][1]
    if ip == host_ip.FALLBACK_IP:
        pytest.skip("this machine has no default route")
    # The address is this host's: a socket can be bound to it.
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.bind((ip, 0))


def test_an_endpoint_without_a_route_falls_back_to_the_default_route(
    fake_brick: Callable[..., FakeBrick], monkeypatch: pytest.MonkeyPatch
) -> None:
    routes = {"203.0.113.1": "10.1.2.3"}
    monkeypatch.setattr(host_ip, "_route_source", lambda address, port=443: routes.get(address))
    fake = fake_brick()
    notes, on_note = collect()
    hc.host_connector(route_to="https://cinder.invalid:8776/v3", on_note=on_note)
    assert fake.calls[0][1] == "10.1.2.3"
    assert notes[0] == "no route found to 'cinder.invalid'; using the address of the default route"


def test_ipv6_default_route_then_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    routes: dict[str, str] = {"2001:db8::1": "fd00::2"}
    monkeypatch.setattr(host_ip, "_route_source", lambda address, port=443: routes.get(address))
    assert host_ip.local_ip(on_note=lambda s: pytest.fail(s)) == "fd00::2"
    routes.clear()
    notes, on_note = collect()
    assert host_ip.local_ip(on_note=on_note) == "127.0.0.1"
    assert notes == [
        "this host has no default route; the connector's ip is 127.0.0.1 (give the host's address to change it)"
    ]


def test_route_source_ipv6_loopback() -> None:
    import socket

    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    found = host_ip._route_source("::1")
    if found is None:
        pytest.skip("IPv6 loopback is off here")
    assert found == "::1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://cinder.example:8776/v3/abc", ("cinder.example", 8776)),
        ("http://10.0.0.1/v3", ("10.0.0.1", 80)),
        ("https://[fd00::1]:8776/", ("fd00::1", 8776)),
        ("[fd00::1]", ("fd00::1", 443)),
        ("fd00::1", ("fd00::1", 443)),
        ("cinder:8776", ("cinder", 8776)),
        ("cinder", ("cinder", 443)),
        ("http://cinder:notaport/", ("http://cinder:notaport/", 443)),
    ],
)
def test_split_target(text: str, expected: tuple[str, int]) -> None:
    assert host_ip._split_target(text) == expected


def test_host_ip_is_checked_and_normalised(fake_brick: Callable[..., FakeBrick]) -> None:
    fake = fake_brick()
    hc.host_connector(host_ip="[FD00::2]", on_note=lambda s: None)
    assert fake.calls[0][1] == "fd00::2"
    with pytest.raises(UsageError, match="is not an IPv4 or IPv6 address") as caught:
        hc.host_connector(host_ip="node-1")
    assert caught.value.exit_code == EXIT_USAGE


# --- imports ----------------------------------------------------------------------------------------------------


def test_importing_the_module_imports_neither_os_brick_nor_eventlet() -> None:
    code = (
        "import json, sys, cinder_attach.brick\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'os_brick', 'eventlet', 'oslo_privsep', 'oslo_config', 'oslo_log', 'greenlet', 'logging', 'socket'})))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


# --- the real os-brick (the dev venv installs the `host` extra) --------------------------------------------


REAL = """
import json, sys
from cinder_attach import brick as hc
multipath, host = sys.argv[1] == "1", sys.argv[2] or None
notes = []
ours = hc.host_connector(host_ip="192.0.2.10", multipath=multipath, host=host, on_note=notes.append)
sys.stderr.write("--direct--\\n")
from os_brick.initiator import connector
direct = connector.get_connector_properties("sudo", "192.0.2.10", multipath, False, host=host)
print(json.dumps({"ours": ours, "direct": direct, "notes": notes}))
"""


@pytest.fixture
def real_brick() -> Any:
    if importlib.util.find_spec("os_brick") is None:
        pytest.skip("the `host` extra is not installed")
    if os.geteuid() != 0:
        pytest.skip("reading the connector as non-root needs a configured sudo")
    nvme = Path("/etc/nvme")
    existed = nvme.exists()
    yield
    # os-brick (as on a Nova compute host) creates /etc/nvme as root; leave this machine as it was.
    if not existed and nvme.is_dir() and not any(nvme.iterdir()):
        nvme.rmdir()


@pytest.mark.usefixtures("real_brick")
@pytest.mark.parametrize(("multipath", "host"), [(False, ""), (True, "node-7")])
def test_the_real_os_brick_gives_what_it_gives_nova(multipath: bool, host: str) -> None:
    # In a child: os-brick brings eventlet, whose fork hook would warn in every later test that forks.
    # -W default shows every warning, so an empty stderr also shows that eventlet's warnings are hidden.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", REAL, "1" if multipath else "0", host],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    ours_err = done.stderr.split("--direct--")[0]
    assert ours_err == ""  # no log line, no warning: the notes went to on_note
    seen = json.loads(done.stdout)
    ours, direct, notes = seen["ours"], seen["direct"], seen["notes"]
    stable = ("platform", "os_type", "host", "multipath", "enforce_multipath", "do_local_attach")
    assert {k: ours[k] for k in stable} == {k: direct[k] for k in stable}
    assert ours["ip"] == "192.0.2.10"
    assert ours["multipath"] is multipath
    if host:
        assert ours["host"] == host
    assert len(notes) == sum(key not in ours for key in ("initiator", "nqn", "wwpns"))
