"""The unit tier's one helper module: test constants, the queued-answer Cinder behind httpx's MockTransport,
the one result type and the one in-process runner. Tests import from here, never from conftest."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from cinder_attach.main import main

ENDPOINT = "http://cinder.test:8776/v3/0123456789abcdef0123456789abcdef"
TOKEN = "gAAAAAB-unit-test-token-SECRET"
VOL = "5f1c9e2a-0b7d-4c3e-9a61-2d4f8b0e7c13"
INST = "462dcc2d-130d-4654-8db1-da0df2da6a0d"
ATT = "9a8b7c6d-1111-4222-8333-444455556666"


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
