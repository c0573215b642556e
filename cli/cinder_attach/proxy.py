"""Which proxy a URL goes through: the environment's, read the way requests reads it for Keystone.

keystoneauth talks to Keystone through requests, which honours ``HTTP_PROXY``, ``HTTPS_PROXY``,
``ALL_PROXY`` and ``NO_PROXY`` (either case, lower case first). Cinder's requests go through httpx
with ``trust_env=False`` (so that nothing else from the environment, such as ``.netrc``, reaches
them); this module gives them the same proxy that requests would pick for the same URL:

- the proxy is ``<scheme>_proxy`` for the URL's scheme, else ``all_proxy``; one without a scheme
  is ``http://``;
- ``no_proxy`` (exactly ``*`` for every host) bypasses it for a host named exactly, for any host that ends
  in ``.<entry>`` (a leading dot is ignored), for ``host:port`` given so, and, for an IPv4 address,
  for an entry that is the same address or a CIDR network holding it (``10.0.0.0/8``).
  Loopback is not special: ``127.0.0.1`` and ``localhost`` go through the proxy unless listed.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit


def environment_proxies(environ: Mapping[str, str]) -> dict[str, str]:
    """``{scheme: proxy}`` from ``*_proxy`` variables; a lower-case name beats its upper-case twin."""
    found: dict[str, str] = {}
    for name, value in environ.items():  # upper case (and mixed) first ...
        if name.lower().endswith("_proxy") and value and name != name.lower():
            found[name.lower()[:-6]] = value
    if "REQUEST_METHOD" in environ:  # a CGI script: HTTP_PROXY may come from a client's Proxy: header
        found.pop("http", None)
    for name, value in environ.items():  # ... then lower case, which wins (and an empty one unsets)
        if name.endswith("_proxy") and name == name.lower():
            if value:
                found[name[:-6]] = value
            else:
                found.pop(name[:-6], None)
    return found


def _ipv4(host: str) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(host)
    except ValueError:
        return None


def _ipv4_match(address: ipaddress.IPv4Address, entry: str) -> bool:
    if "/" not in entry:
        return entry == str(address)
    try:
        network = ipaddress.IPv4Network(entry, strict=False)
    except ValueError:
        return False
    return network.prefixlen >= 1 and address in network


def _name_match(host: str, port: int | None, entry: str) -> bool:
    entry = entry.lstrip(".").lower()
    if not entry:
        return False
    names = (host, f"{host}:{port}") if port else (host,)
    return any(name == entry or name.endswith("." + entry) for name in names)


def bypassed(url: str, environ: Mapping[str, str]) -> bool:
    """Whether ``no_proxy`` sends ``url`` straight to its host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return True
    if environment_proxies(environ).get("no") == "*":
        return True
    no_proxy = environ.get("no_proxy") or environ.get("NO_PROXY") or ""
    entries = [entry for entry in no_proxy.replace(" ", "").split(",") if entry]
    address = _ipv4(host)
    port = parts.port
    if address is not None and any(_ipv4_match(address, entry) for entry in entries):
        return True
    return any(_name_match(host, port if address is None else None, entry) for entry in entries)


def proxy_for(url: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The proxy URL for ``url`` (credentials included; show it with ``redaction.redact_url``), or None."""
    environ = os.environ if environ is None else environ
    proxies = environment_proxies(environ)
    if not proxies.keys() - {"no"} or bypassed(url, environ):
        return None
    proxy = proxies.get(urlsplit(url).scheme.lower()) or proxies.get("all")
    if not proxy:
        return None
    return proxy if "://" in proxy else f"http://{proxy}"
