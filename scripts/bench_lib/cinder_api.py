"""The bench's own, untimed calls to Cinder: count and delete a volume's attachments, delete it."""

from __future__ import annotations

from typing import Any

from bench_lib.settings import BENCH_UA, MICROVERSION, BenchError
from devcloud_lib.client import ClientError, catalog_url, expect, http_json, keystone_login


class Cinder:
    """Cinder as the devcloud's member user (and a service token, for deleting connected attachments)."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self.token, body = self._login("member")
        self.service_token, _ = self._login("cinder")
        self.endpoint = catalog_url(body, "block-storage", region=state.get("region"))

    def _login(self, user: str) -> tuple[str, dict[str, Any]]:
        try:
            return keystone_login(self.state["keystone_url"], self.state["users"][user], {"User-Agent": BENCH_UA})
        except (ClientError, OSError) as exc:
            raise BenchError(str(exc)) from None

    def _call(self, method: str, path: str, ok: tuple[int, ...], body: Any = None) -> Any:
        for attempt in (1, 2):
            hdr = {"X-Auth-Token": self.token, "User-Agent": BENCH_UA}
            hdr["OpenStack-API-Version"] = f"volume {MICROVERSION}"
            if method == "DELETE":  # a connected attachment is deleted as Nova does it, with a service token
                hdr["X-Service-Token"] = self.service_token
            try:
                res = http_json(method, f"{self.endpoint}{path}", body, hdr, timeout=120)
            except OSError as exc:
                raise BenchError(f"{method} {path}: {exc}") from None
            if res[0] == 401 and attempt == 1:
                self.token, _ = self._login("member")
                self.service_token, _ = self._login("cinder")
                continue
            try:
                return expect(res, ok, f"cinder {method} {path}")
            except ClientError as exc:
                raise BenchError(str(exc)) from None
        raise AssertionError("unreachable")

    def attachments(self, volume: str) -> list[str]:
        found = self._call("GET", f"/attachments?volume_id={volume}", (200,))["attachments"]
        return [str(a["id"]) for a in found]

    def attachment_rows(self, volume: str) -> list[tuple[str, str | None]]:
        """(id, instance) of every attachment of the volume, following markers."""
        rows: list[tuple[str, str | None]] = []
        marker = ""
        while True:
            page = self._call("GET", f"/attachments?volume_id={volume}&limit=1000{marker}", (200,))["attachments"]
            fresh = [(str(a["id"]), a.get("instance")) for a in page if (str(a["id"]), a.get("instance")) not in rows]
            if not fresh:
                return rows
            rows += fresh
            marker = f"&marker={fresh[-1][0]}"

    def clear(self, volume: str) -> int:
        """Delete every attachment of the volume; return how many there were."""
        ids = self.attachments(volume)
        for att in ids:
            self._call("DELETE", f"/attachments/{att}", (200, 204))
        return len(ids)

    def delete_volume(self, volume: str) -> None:
        self.clear(volume)
        self._call("DELETE", f"/volumes/{volume}", (202, 404))
