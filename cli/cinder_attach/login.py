"""What a login yields: a token and the block-storage endpoint, plus how to reach it (and, from the same
catalog, the compute endpoint and the token's roles, which prune needs).

It comes from Keystone (the cold path), from the token cache (the warm path), or straight from
``--os-token`` with ``--os-endpoint``; every request of a run uses one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

# A token this close to its expiry counts as expired: the request may take a while, and clocks drift.
EXPIRY_MARGIN_SECONDS = 300.0


@dataclass(frozen=True)
class Login:
    """What a run needs to talk to Cinder without Keystone."""

    endpoint: str
    token: str | None
    expires_at: float | None
    project_id: str | None
    verify: bool | str = True  # a CA bundle path, or whether to verify at all
    cert: str | None = None
    key: str | None = None
    timeout: float | None = None
    # Nova's endpoint from the same catalog (None: the catalog has none, or there was no catalog).
    compute_endpoint: str | None = None
    # The token's role names (None: not known, e.g. a token given directly).
    roles: tuple[str, ...] | None = None

    def fresh(self, now: float | None = None) -> bool:
        """Whether the token is usable for a while yet (tokens with no expiry are trusted)."""
        if self.expires_at is None:
            return True
        return (now if now is not None else time.time()) < self.expires_at - EXPIRY_MARGIN_SECONDS
