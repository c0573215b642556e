"""The TLS context for Cinder, built from the same settings keystoneauth uses for Keystone.

The CA bundle is the configured one (``--os-cacert``, ``cacert``), else the one the environment
names (``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE``, ``SSL_CERT_FILE``, ``SSL_CERT_DIR``; see
:func:`env_ca_bundle`, which the cold path gives Keystone too), else certifi's.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping

from .errors import ConfigError
from .login import Login

# The variables that name the CA bundle to trust when nothing else is configured, in order: the two
# requests reads for Keystone, then OpenSSL's own two.
CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")


def env_ca_bundle(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(variable, path) of the CA bundle the environment names, used for Keystone and Cinder alike
    when verification is on and no cacert is configured; None means certifi's bundle."""
    for name in CA_BUNDLE_VARIABLES:
        if environ.get(name):
            return name, environ[name]
    return None


def _context_for(bundle: str) -> ssl.SSLContext:
    path = os.path.expanduser(bundle)
    return ssl.create_default_context(capath=path) if os.path.isdir(path) else ssl.create_default_context(cafile=path)


def ssl_context(login: Login, endpoint: str) -> ssl.SSLContext | bool:
    """The TLS settings for the endpoint; plain http needs no CA bundle, so none is loaded."""
    if not endpoint.startswith("https://"):
        return False
    verify = login.verify
    source = "cacert"
    if verify is True and (found := env_ca_bundle(os.environ)):
        source, verify = found
    try:
        if verify is False:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        elif isinstance(verify, str):
            ctx = _context_for(verify)
        else:
            import certifi

            ctx = ssl.create_default_context(cafile=certifi.where())
        if login.cert:
            ctx.load_cert_chain(os.path.expanduser(login.cert), login.key and os.path.expanduser(login.key))
    except (OSError, ssl.SSLError) as exc:
        files = [(source, verify if isinstance(verify, str) else None), ("cert", login.cert), ("key", login.key)]
        named = ", ".join(f"{name} {path}" for name, path in files if path)
        if source != "cacert":
            text = f"cannot load the TLS files ({named}): {exc.strerror or exc}."
            raise ConfigError(text, hint=f"Check {source}.") from None
        raise ConfigError(
            f"cannot load the TLS files ({named}): {exc.strerror or exc}.",
            hint="Check cacert, cert and key.",
            reason="tls_files",
        ) from None
    return ctx
