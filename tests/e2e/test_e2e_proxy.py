"""E2E: Keystone and Cinder go through the same proxy (the shared ForwardingProxy), NO_PROXY skips it, and
--debug names it, and reads (show, list) take it too; the installed `attach` against the devcloud."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from attach_runner import Attach, server_attachments_of
from local_server import ForwardingProxy


def test_keystone_and_cinder_go_through_the_proxy_and_no_proxy_skips_it(
    devcloud: Any, attach: Attach, proxy: ForwardingProxy
) -> None:
    vol = devcloud.new_volume()
    through = {"HTTP_PROXY": proxy.url()}
    cold = attach("create354", "--volume-uuid", vol, "-f", "value", "-c", "id", env=through)
    assert cold.code == 0, cold.err
    first = cold.out.strip()
    keystone, cinder = devcloud.keystone_url, devcloud.endpoint("devcloud")
    assert [(seen.method, seen.path) for seen in proxy.seen] == [
        ("POST", f"{keystone}/auth/tokens"),
        ("POST", f"{cinder}/attachments"),
    ]

    # NO_PROXY names the devcloud's address: nothing goes to the proxy, and Cinder still gets the request.
    mark = devcloud.log_mark()
    skipped = attach("delete", first, env={**through, "NO_PROXY": "127.0.0.1"})
    assert skipped.code == 0, skipped.err
    assert len(proxy.seen) == 2
    assert [(m, s) for _, m, _, s in attach.our_requests(mark)] == [("DELETE", 200)]

    # --debug says which proxy.
    debug = attach("list", "--volume-id", vol, "--debug", env=through)
    assert debug.code == 0 and f"is reached through the proxy {proxy.url()}." in debug.err
    assert server_attachments_of(devcloud, vol) == []


def test_show_and_list_go_through_the_proxy(devcloud: Any, attach: Attach, proxy: ForwardingProxy) -> None:
    vol = devcloud.new_volume()
    made = attach("create354", "--volume-uuid", vol, "-f", "value", "-c", "id")  # direct; caches the login
    assert made.code == 0, made.err
    att = made.out.strip()
    through = {"HTTP_PROXY": proxy.url()}
    mark = devcloud.log_mark()
    shown = attach("show", att, "-f", "json", env=through)
    assert shown.code == 0 and shown.json()["id"] == att, shown.err
    listed = attach("list", "--volume-id", vol, "-f", "json", env=through)
    assert listed.code == 0 and [a["id"] for a in listed.json()] == [att], listed.err
    cinder = devcloud.endpoint("devcloud")
    seen = [(s.method, s.path) for s in proxy.seen]
    assert seen[0] == ("GET", f"{cinder}/attachments/{att}")
    lists = seen[1:]
    assert lists and all(m == "GET" and u.startswith(f"{cinder}/attachments?") for m, u in lists), seen
    assert all(f"volume_id={vol}" in u for _, u in lists), seen
    # Everything these runs sent reached Cinder by way of the proxy, and Keystone not at all (cached).
    reached = attach.our_requests(mark)
    assert [(m, p) for _, m, p, _ in reached] == [(m, urlsplit(u).path) for m, u in seen]
    assert {svc for svc, _, _, _ in reached} == {"cinder"}
    assert server_attachments_of(devcloud, vol)[0]["id"] == att
