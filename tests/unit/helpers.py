"""The unit tier's one helper module: test constants, the queued-answer Cinder behind httpx's MockTransport,
the one result type, the one in-process runner, the stand-in login and the happy local Cinder.
Tests import from here, never from conftest (which holds the fixtures built on these)."""

from __future__ import annotations

import json
import ssl
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from local_server import Answer, Seen

from cinder_attach.login import Login
from cinder_attach.main import main

ENDPOINT = "http://cinder.test:8776/v3/0123456789abcdef0123456789abcdef"
TOKEN = "gAAAAAB-unit-test-token-SECRET"
VOL = "5f1c9e2a-0b7d-4c3e-9a61-2d4f8b0e7c13"
INST = "462dcc2d-130d-4654-8db1-da0df2da6a0d"
ATT = "9a8b7c6d-1111-4222-8333-444455556666"
# The installed console script, beside the python running the tests (scripts/test installs it into .venv).
ATTACH_SCRIPT = Path(sys.executable).parent / "attach"
OTHER = "11111111-2222-4333-8444-555555555555"  # a second id of any kind
THIRD = "22222222-3333-4444-8555-666666666666"


def attachment(**over: Any) -> dict[str, Any]:
    body = {
        "id": ATT,
        "status": "reserved",
        "instance": INST,
        "volume_id": VOL,
        "attached_at": "",
        "detached_at": "",
        "attach_mode": "null",
        "connection_info": {},
    }
    body.update(over)
    return body


@dataclass
class Result:
    code: int
    out: str
    err: str
    requests: list[httpx.Request]

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class FakeCinder:
    """Answers requests with queued responses and records what was sent."""

    responses: list[httpx.Response | Callable[[httpx.Request], httpx.Response] | Exception] = field(
        default_factory=list
    )
    requests: list[httpx.Request] = field(default_factory=list)

    def reply(self, status: int = 200, body: Any = None, **kw: Any) -> FakeCinder:
        if body is None and status == 200:
            body = {"attachment": attachment()}
        headers = {"x-openstack-request-id": "req-1234", **kw.pop("headers", {})}
        if isinstance(body, (bytes, str)):
            self.responses.append(httpx.Response(status, content=body, headers=headers))
        else:
            self.responses.append(httpx.Response(status, json=body, headers=headers))
        return self

    def handler(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if not self.responses:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        item = self.responses.pop(0)
        if isinstance(item, Exception):
            raise item
        if callable(item):
            return item(request)
        return item


def invoke(capsys: pytest.CaptureFixture[str], *argv: str, requests: list[httpx.Request] | None = None) -> Result:
    """Run ``main()`` in-process, as the console script would, and capture what it printed."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err, list(requests) if requests is not None else [])


def help_pages(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Every --help page `attach` has, keyed by its command path ("" for the root, "cache clear"), found by
    following each page's "Commands:" list, as a reader would."""
    pages: dict[str, str] = {}
    todo = [""]
    while todo:
        path = todo.pop(0)
        result = invoke(capsys, *path.split(), "--help")
        assert result.code == 0, (path, result.err)
        pages[path] = result.out
        listed = result.out.split("\nCommands:\n", 1)[1] if "\nCommands:\n" in result.out else ""
        for line in listed.splitlines():
            if line[:2] == "  " and line[2:3].isalnum():  # "  name  Summary", not a wrapped summary
                todo.append(f"{path} {line.split()[0]}".strip())
    return pages


class StubLogin:
    """Stands in for ``cloud.authenticate`` (a Keystone login): counts the logins, keeps each call's arguments,
    and hands out ``token`` (or ``token-<n>``) after ``seconds``, as a real login takes a while."""

    def __init__(self, token: str | None = None, seconds: float = 0.0, endpoint: str = ENDPOINT) -> None:
        self.token, self.seconds, self.endpoint = token, seconds, endpoint
        self.args: list[Any] = []
        self._guard = threading.Lock()  # the login-lock tests call it from several threads

    @property
    def calls(self) -> int:
        return len(self.args)

    def __call__(self, args: Any, environ: Any = None) -> Login:
        with self._guard:
            self.args.append(args)
            n = len(self.args)
        if self.seconds:
            time.sleep(self.seconds)
        token = self.token or f"token-{n}"
        return Login(endpoint=self.endpoint, token=token, expires_at=time.time() + 3600, project_id="p")


def cinder_ok(seen: Seen) -> Answer:
    """A real local Cinder's happy answer: the attachment for a create, an empty list for anything else."""
    return Answer.json(200, {"attachment": attachment()} if seen.method == "POST" else {"attachments": []})


def server_tls(ca: trustme.CA, *hosts: str) -> ssl.SSLContext:
    """A server-side TLS context with a certificate from ``ca`` for ``hosts`` (127.0.0.1 by default)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(*(hosts or ("127.0.0.1",))).configure_cert(context)
    return context


def assert_one_line_error(result: Result, code: int) -> str:
    """The fault contract: exit code, one ``Error:`` line on stderr, no traceback; returns that line."""
    assert result.code == code, (result.code, result.err)
    lines = [line for line in result.err.splitlines() if not line.startswith("Warning:")]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("Error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


def summary(ident: str = ATT) -> dict[str, Any]:
    """An attachment as the short list (GET /attachments) shows it."""
    return {k: attachment(id=ident)[k] for k in ("id", "status", "instance", "volume_id")}
