"""E2E: Keystone and Cinder go through the same proxy (the shared ForwardingProxy), NO_PROXY skips it, and
--debug names it; the installed `attach` against the devcloud."""

from __future__ import annotations

from typing import Any

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
