"""The connector's ``ip``: the local address this host would use to reach the storage's endpoint.

By default the local address the kernel would use to reach ``route_to`` (the block-storage endpoint),
else the address of the default route (IPv4 first, then IPv6); no packet is sent for this. When no
route is found the address is 127.0.0.1, with a note (logged at INFO; the CLI shows it as ``note: ...``).
"""

from __future__ import annotations

from collections.abc import Callable

NoteWriter = Callable[[str], None]



def log_note(text: str) -> None:
    """The default for a note: logged at INFO (imported here, so importing this module stays cheap)."""
    import logging

    logging.getLogger(__name__).info("%s", text)


FALLBACK_IP = "127.0.0.1"

# Only asked of the kernel's routing table (a UDP connect sends nothing): documentation addresses, routed by the
# default route on any host that has one.
_DEFAULT_ROUTE_PROBES = ("203.0.113.1", "2001:db8::1")


def _route_source(address: str, port: int = 443) -> str | None:
    """The local address the kernel would send from to reach ``address`` (a host name or IP), or None."""
    import ipaddress
    import socket

    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_DGRAM)
    except (OSError, UnicodeError):
        return None
    for family, kind, proto, _name, sockaddr in infos:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.connect(sockaddr)  # UDP: picks a route and a source address, sends nothing
                local = str(probe.getsockname()[0])
        except OSError:
            continue
        local = local.split("%", 1)[0]  # an IPv6 zone (fe80::1%eth0) means nothing to the storage backend
        if not ipaddress.ip_address(local).is_unspecified:
            return local
    return None


def _split_target(route_to: str) -> tuple[str, int]:
    """Host and port from an endpoint URL (``https://cinder:8776/v3``), ``host:port``, ``[v6]``, or a bare host."""
    import ipaddress
    from urllib.parse import urlsplit

    text = route_to.strip()
    if "://" not in text:
        try:
            ipaddress.ip_address(text.strip("[]"))
            return text.strip("[]"), 443
        except ValueError:
            text = f"//{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text, 443
    if port is None:
        port = 80 if parts.scheme == "http" else 443
    return parts.hostname or "", port


def local_ip(route_to: str | None = None, *, on_note: NoteWriter | None = None) -> str:
    """The address this host would use to reach ``route_to`` (a URL or host), else that of its default route.

    Nothing is sent: a UDP socket's connect only asks the routing table. Falls back to 127.0.0.1, with a note.
    """
    note = on_note or log_note
    if route_to:
        host, port = _split_target(route_to)
        found = _route_source(host, port) if host else None
        if found:
            return found
        note(f"no route found to {host or route_to!r}; using the address of the default route")
    for probe in _DEFAULT_ROUTE_PROBES:
        found = _route_source(probe)
        if found:
            return found
    note(f"this host has no default route; the connector's ip is {FALLBACK_IP} (give the host's address to change it)")
    return FALLBACK_IP
