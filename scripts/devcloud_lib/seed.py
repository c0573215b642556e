"""`seed-attachments` and `unseed`: give one volume thousands of attachments, and take them away.

Cinder lists attachments page by page (at most 1000 a page), which tests and the benchmark need to
exercise with 1,000 to 20,000 attachments on one volume. Making each through the API would take
minutes, and only a multiattach volume takes more than one. So `seed` makes a few real ones through
the API (reserve with a connector, then complete: status ``attached``, the volume ``in-use``), then
copies their rows in Cinder's SQLite database (table ``volume_attachment``) with new ids, new
instance ids and distinct ``created_at`` values (Cinder sorts and pages by ``created_at``, and equal
values make marker paging repeat a page).

Every seeded row, real or copied, has ``attached_host = 'devcloud-seed'`` (the connector's host).
`unseed` deletes the copied rows from the database and the last of them through the API (with a
service token, as Nova would), so that Cinder itself sets the volume's status from what is left.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

from devcloud_lib.client import REFERENCE_CONNECTOR, catalog_url, expect, http_json, keystone_login
from devcloud_lib.console import DevcloudError
from devcloud_lib.settings import CINDER_DB, CLOUD_USERS, REGION, USERS

MARK = "devcloud-seed"
API_MADE = 3  # real attachments made through the API on a multiattach volume (1 on any other)
MICROVERSION = "volume 3.54"
COLUMNS = (
    "created_at", "updated_at", "deleted_at", "deleted", "id", "volume_id", "attached_host", "instance_uuid",
    "mountpoint", "attach_time", "detach_time", "attach_mode", "attach_status", "connection_info", "connector",
)  # fmt: skip


class Api:
    """Cinder as a cloud's user, with a service token (the `devcloud-service` user) for deletes."""

    def __init__(self, state: dict[str, Any], cloud: str) -> None:
        token, body = keystone_login(state["keystone_url"], USERS[CLOUD_USERS[cloud]])
        service_token, _ = keystone_login(state["keystone_url"], USERS["cinder"])
        self.endpoint = catalog_url(body, "block-storage", region=REGION)
        self.headers = {"X-Auth-Token": token, "X-Service-Token": service_token, "OpenStack-API-Version": MICROVERSION}

    def call(self, method: str, path: str, ok: tuple[int, ...], body: Any = None) -> Any:
        return expect(http_json(method, self.endpoint + path, body, self.headers, 60), ok, f"{method} {path}")

    def attach(self, volume: str) -> str:
        """A connected, completed attachment for a new instance id; its id."""
        connector = {**REFERENCE_CONNECTOR, "host": MARK}
        body = {"attachment": {"volume_uuid": volume, "instance_uuid": str(uuid.uuid4()), "connector": connector}}
        made = self.call("POST", "/attachments", (200,), body)["attachment"]["id"]
        self.call("POST", f"/attachments/{made}/action", (204,), {"os-complete": None})
        return str(made)


@contextlib.contextmanager
def _connect() -> Iterator[sqlite3.Connection]:
    """Cinder's database, in one transaction (committed at the end), closed afterwards."""
    if not CINDER_DB.exists():
        raise DevcloudError(f"no Cinder database at {CINDER_DB}")
    with contextlib.closing(sqlite3.connect(CINDER_DB, timeout=60)) as db:
        db.row_factory = sqlite3.Row
        with db:
            yield db


def _live_rows(db: sqlite3.Connection, volume: str) -> list[sqlite3.Row]:
    query = f"SELECT {', '.join(COLUMNS)} FROM volume_attachment WHERE volume_id = ? AND deleted = 0"
    return list(db.execute(query + " ORDER BY created_at DESC", (volume,)))


def _copies(templates: list[sqlite3.Row], count: int) -> list[tuple[Any, ...]]:
    """`count` rows like `templates` (round robin), each older than the one before by 1 ms."""
    oldest = min(dt.datetime.fromisoformat(t["created_at"]) for t in templates)
    rows = []
    for i in range(count):
        row = dict(templates[i % len(templates)])
        row["id"], row["instance_uuid"], row["attached_host"] = str(uuid.uuid4()), str(uuid.uuid4()), MARK
        stamp = (oldest - dt.timedelta(milliseconds=i + 1)).strftime("%Y-%m-%d %H:%M:%S.%f")
        row["created_at"] = row["updated_at"] = stamp
        if row["attach_time"]:
            row["attach_time"] = stamp
        if row["connection_info"]:
            info = json.loads(row["connection_info"])
            info["attachment_id"] = row["id"]
            row["connection_info"] = json.dumps(info)
        rows.append(tuple(row[c] for c in COLUMNS))
    return rows


def seed(state: dict[str, Any], volume: str, total: int, cloud: str = "devcloud") -> int:
    """Make the volume hold `total` attachments (see the module's docstring); return how many it holds."""
    api = Api(state, cloud)
    vol = api.call("GET", f"/volumes/{volume}", (200,))["volume"]
    with _connect() as db:
        have = len(_live_rows(db, volume))
    if have >= total:
        return have
    room = API_MADE if vol.get("multiattach") else int(have == 0)
    if vol["status"] not in ("available", "in-use"):
        room = 0
    for _ in range(min(room, total - have)):
        api.attach(volume)
    with _connect() as db:
        rows = _live_rows(db, volume)
        if not rows:
            raise DevcloudError(f"volume {volume} has no attachment to copy (status {vol['status']})")
        templates = [r for r in rows if r["attached_host"] == MARK] or rows
        copies = _copies(templates, total - len(rows))
        marks = ", ".join("?" for _ in COLUMNS)
        db.executemany(f"INSERT INTO volume_attachment ({', '.join(COLUMNS)}) VALUES ({marks})", copies)
        return len(rows) + len(copies)


def unseed(state: dict[str, Any], volume: str, cloud: str = "devcloud") -> int:
    """Remove every seeded attachment of the volume; return how many there were."""
    with _connect() as db:
        seeded = [r["id"] for r in _live_rows(db, volume) if r["attached_host"] == MARK]
        if len(seeded) > 1:
            db.execute(
                "DELETE FROM volume_attachment WHERE volume_id = ? AND attached_host = ? AND deleted = 0 AND id != ?",
                (volume, MARK, seeded[0]),
            )
    if seeded:
        Api(state, cloud).call("DELETE", f"/attachments/{seeded[0]}", (200,))
    return len(seeded)
