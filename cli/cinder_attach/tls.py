"""The TLS context for Cinder, built from the same settings keystoneauth uses for Keystone."""

from __future__ import annotations

import os
import ssl

from .errors import ConfigError
from .login import Login


def ssl_context(login: Login, endpoint: str) -> ssl.SSLContext | bool:
    """The TLS settings for the endpoint; plain http needs no CA bundle, so none is loaded."""
    if not endpoint.startswith("https://"):
        return False
    verify = login.verify
    try:
        if verify is False:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        elif isinstance(verify, str):
            path = os.path.expanduser(verify)
            ctx = (
                ssl.create_default_context(capath=path)
                if os.path.isdir(path)
                else ssl.create_default_context(cafile=path)
            )
        else:
            import certifi

            ctx = ssl.create_default_context(cafile=certifi.where())
        if login.cert:
            ctx.load_cert_chain(os.path.expanduser(login.cert), login.key and os.path.expanduser(login.key))
    except (OSError, ssl.SSLError) as exc:
        files = [("cacert", verify if isinstance(verify, str) else None), ("cert", login.cert), ("key", login.key)]
        named = ", ".join(f"{name} {path}" for name, path in files if path)
        raise ConfigError(
            f"cannot load the TLS files ({named}): {exc.strerror or exc}.",
            hint="Check --os-cacert, --os-cert and --os-key.",
        ) from None
    return ctx
