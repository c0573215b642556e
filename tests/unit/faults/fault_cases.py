"""What the fault tests share: the create they send, the advice and the check they expect after a create
that may have reached Cinder, and small builders of fault bodies and responders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from helpers import VOL
from local_server import Answer, Seen

CREATE = ("create354", "--volume-uuid", VOL)
CHECK = f"attach list --volume-id {VOL} --long"
MAYBE = "the attachment may have been created"
# The answer to the one GET that looks for what a create that may have reached Cinder left.
NO_ATTACHMENTS = {"attachments": []}


def methods(requests: list[httpx.Request]) -> list[str]:
    return [q.method for q in requests]


def list_or(answer: Answer) -> Callable[[Seen], Answer]:
    """A real server's responder: ``answer`` for the create, an empty list for the check that follows it."""
    return lambda seen: Answer.json(200, NO_ATTACHMENTS) if seen.method == "GET" else answer


def fault(name: str, status: int, message: str) -> dict[str, Any]:
    return {name: {"code": status, "message": message}}
