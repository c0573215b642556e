"""Resolve a cloud to a token and a block-storage endpoint: the cold path.

Configuration comes from openstacksdk's own loader (clouds.yaml, secure.yaml, clouds-public.yaml,
``OS_*`` variables) and authentication from keystoneauth1, so every auth plugin users already have
works. Both libraries are slow to import (docs/benchmarks.md), so this module imports them only inside
:func:`authenticate`, which runs only when the token cache misses.

Precedence, as in the ``openstack`` CLI: ``--os-*`` options win over everything. A cloud named by
``--os-cloud`` or ``OS_CLOUD`` takes its settings from the config files and ignores the other
``OS_*`` variables; with no cloud named, the ``OS_*`` variables form the cloud (``envvars``).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ._version import PRODUCT
from .config_files import config_search_paths
from .errors import AuthError, ConfigError, TransportError, one_line
from .faults import TLS_HINT
from .login import Login
from .proxy import proxy_for
from .redaction import redact_url
from .tls import env_ca_bundle


def _option(flag: str, help: str, *, auth: bool = False, metavar: str = "TEXT", env: bool = True) -> Any:
    """A cloud setting: its ``--os-*`` flag and help, and whether it belongs to the auth plugin. With ``env``, the
    help names the variable openstacksdk reads for it when no cloud is named (``--os-foo-bar``: ``OS_FOO_BAR``)."""
    name = "OS_" + flag.removeprefix("--os-").upper().replace("-", "_") if env else None
    shown = f"{help} [env: {name}]" if name else help
    return field(default=None, metadata={"flag": flag, "help": shown, "auth": auth, "metavar": metavar, "env": name})


@dataclass(frozen=True)
class CloudArgs:
    """The cloud settings a run was given (None when not given): the one declaration behind the
    ``--os-*`` options, the keyword arguments of :func:`cinder_attach.connect` and the cache key."""

    cloud: str | None = _option("--os-cloud", "Cloud name in clouds.yaml.", metavar="NAME")
    auth_url: str | None = _option("--os-auth-url", "Keystone URL.", auth=True, metavar="URL")
    auth_type: str | None = _option("--os-auth-type", "keystoneauth plugin: password, v3applicationcredential, …")
    username: str | None = _option("--os-username", "User name.", auth=True)
    password: str | None = _option("--os-password", "Password.", auth=True)
    user_domain_name: str | None = _option("--os-user-domain-name", "User's domain name.", auth=True)
    project_name: str | None = _option("--os-project-name", "Project name.", auth=True)
    project_id: str | None = _option("--os-project-id", "Project id.", auth=True)
    project_domain_name: str | None = _option("--os-project-domain-name", "Project's domain name.", auth=True)
    region_name: str | None = _option("--os-region-name", "Region of the endpoint.")
    interface: str | None = _option("--os-interface", "Endpoint interface: public, internal, admin.")
    token: str | None = _option("--os-token", "A token to use instead of logging in.", auth=True, env=False)
    endpoint: str | None = _option(
        "--os-endpoint", "Block-storage endpoint (…/v3/<project_id>); skips the catalog.", metavar="URL", env=False
    )
    cacert: str | None = _option("--os-cacert", "CA bundle to verify TLS with.", metavar="PATH", env=False)
    insecure: bool = field(
        default=False, metadata={"flag": "--insecure", "help": "Do not verify TLS (prints a warning)."}
    )
    cert: str | None = _option("--os-cert", "Client certificate file.", metavar="PATH", env=False)
    key: str | None = _option("--os-key", "Client certificate key file.", metavar="PATH", env=False)

    def given(self) -> dict[str, Any]:
        """The options that were given, keyed as openstacksdk's loader expects them.

        Auth plugin options go in an ``auth`` mapping: the loader lets a cloud's own ``auth:`` section
        win over top-level values, and merges an ``auth`` argument over it.
        """
        values: dict[str, Any] = {}
        auth: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, False, "") or f.name == "cloud":
                continue
            (auth if f.metadata.get("auth") else values)[f.name] = value
        if auth:
            values["auth"] = auth
        return values

    def direct_login(self) -> Login | None:
        """``--os-token`` with ``--os-endpoint`` needs no Keystone and no config: use them as they are."""
        if not (self.token and self.endpoint) or self.auth_type not in (None, "admin_token", "token_endpoint"):
            return None
        if not self.endpoint.startswith(("http://", "https://")):
            from .errors import UsageError

            text = f"the endpoint {self.endpoint!r} is not an http(s) URL."
            raise UsageError(text, reason="endpoint_not_http", endpoint=self.endpoint)
        verify: bool | str = False if self.insecure else (os.path.expanduser(self.cacert) if self.cacert else True)
        return Login(
            endpoint=self.endpoint.rstrip("/"),
            token=self.token,
            expires_at=None,
            project_id=self.project_id,
            verify=verify,
            cert=self.cert,
            key=self.key,
        )


def _searched(environ: Mapping[str, str]) -> str:
    names = sorted({str(p.parent) for p in config_search_paths(environ) if p.name.startswith("clouds.")})
    return ", ".join(names)


_DOMAIN_HINT = "Set user_domain_name and project_domain_name (e.g. Default), in clouds.yaml or as settings."


def _sdk_package() -> None:
    """Register openstacksdk's package without running its ``__init__`` yet, unless it is imported already.

    ``import openstack`` runs ``openstack/__init__.py``, which imports ``openstack.connection`` and with
    it the cloud layer and every service's proxy, a third of a cold run (docs/benchmarks.md). The cold path uses two
    of the package's modules, ``openstack.config.loader`` and ``openstack.exceptions``, which import as
    usual from the registered package. The first look-up of any other name on the package itself
    (``openstack.connect``, ``openstack.enable_logging``) runs the ``__init__`` then, in the same module
    object, so a program that goes on to use openstacksdk sees the whole package, as ``import openstack``
    would have given it.
    """
    import importlib
    import importlib.util
    import sys

    if "openstack" in sys.modules:
        return
    spec = importlib.util.find_spec("openstack")
    if spec is None or spec.loader is None:
        return  # not installed: the import that follows says so
    package, loader = importlib.util.module_from_spec(spec), spec.loader

    def complete(name: str) -> Any:
        if importlib.util.find_spec(f"openstack.{name}") is not None:  # a module of the package: just that
            return importlib.import_module(f"openstack.{name}")
        del vars(package)["__getattr__"]
        loader.exec_module(package)  # what `import openstack` runs
        return getattr(package, name)

    vars(package)["__getattr__"] = complete
    sys.modules["openstack"] = package


def _missing(missing: tuple[str, ...], environ: Mapping[str, str]) -> ConfigError:
    """No cloud named and not enough OS_* variables to make one: which settings are missing, where we looked."""
    searched = _searched(environ)
    return ConfigError(
        f"no usable cloud configuration: {', '.join(missing)} missing.",
        hint=(
            "Name a cloud from clouds.yaml (OS_CLOUD), or set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, "
            f"OS_PROJECT_NAME and friends. Searched {searched}."
        ),
        reason="config_missing",
        missing=missing,
        searched=searched,
    )


def _config_class() -> Any:
    """openstacksdk's loader, with one hook: the v3 plugins when the auth URL already names v3."""
    from openstack.config import loader

    class _Config(loader.OpenStackConfig):
        def auth_config_hook(self, config: dict[str, Any]) -> dict[str, Any]:
            # The generic password/token plugins spend a GET on version discovery before every
            # authentication. When the auth URL already names v3, go straight to the v3 plugin.
            # (OS_AUTH_URL arrives at the top level, an option or clouds.yaml inside `auth`.)
            auth_url = str((config.get("auth") or {}).get("auth_url") or config.get("auth_url") or "").rstrip("/")
            if config.get("auth_type") in ("password", "token") and auth_url.endswith("/v3"):
                config["auth_type"] = "v3" + str(config["auth_type"])
            return config

    return _Config


def _loader_args(given: dict[str, Any]) -> dict[str, Any]:
    """``given`` with each auth option at the top level too, so that it wins as the README promises.

    With no cloud named, the loader's ``envvars`` cloud holds ``OS_PROJECT_NAME`` and friends at its top
    level, and in two places (``_fix_backwards_project`` for the project and domain names, ids and the token,
    ``_validate_auth`` for every plugin option) a top-level value beats one in ``auth``; keyword arguments
    replace top-level values, so an option given there beats the environment's. The ``auth`` mapping stays,
    for a clouds.yaml ``auth:`` section, which the loader merges it over."""
    auth = given.get("auth") or {}
    return {**auth, **given}


def load_region(args: CloudArgs, environ: Mapping[str, str] | None = None) -> Any:
    """The cloud's merged configuration (an openstacksdk ``CloudRegion``), without any network traffic."""
    environ = os.environ if environ is None else environ
    from .gc_policy import on_for_heavy_imports

    on_for_heavy_imports()
    _sdk_package()
    import keystoneauth1.exceptions as ksa_exc
    from openstack import exceptions as sdk_exc

    config: Any = None
    try:
        # The same files the cache key was computed from (openstacksdk fixes its own list at import).
        paths = [str(p) for p in config_search_paths(environ)]
        config = _config_class()(
            app_name=PRODUCT,
            config_files=[p for p in paths if Path(p).name.startswith("clouds.")],
            secure_files=[p for p in paths if Path(p).name.startswith("secure.")],
            vendor_files=[p for p in paths if Path(p).name.startswith("clouds-public.")],
        )
        with warnings.catch_warnings():
            # openstacksdk warns about InfluxDB metrics support whenever it builds a CloudRegion; not ours to fix.
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            return config.get_one(cloud=args.cloud or environ.get("OS_CLOUD") or None, **_loader_args(args.given()))
    except sdk_exc.ConfigException as exc:
        known = sorted(set(config.get_cloud_names()) - {"defaults"}) if config is not None else []
        raise ConfigError(
            " ".join(str(exc).split()),
            hint=f"Known clouds: {', '.join(known) or 'none'}; searched {_searched(environ)}.",
        ) from None
    except ksa_exc.MissingRequiredOptions as exc:
        raise _missing(tuple(opt.dest for opt in exc.options), environ) from None
    except ksa_exc.NoMatchingPlugin as exc:
        raise ConfigError(f"unknown auth type {exc.name!r}.", hint="See keystoneauth1's list of plugins.") from None
    except ksa_exc.OptionError as exc:
        raise ConfigError(
            f"the auth settings are incomplete: {one_line(exc)}", hint=_DOMAIN_HINT, reason="domain_missing"
        ) from None
    except (ValueError, TypeError, KeyError, OSError) as exc:
        raise ConfigError(f"the cloud configuration is invalid: {exc}.") from None


def authenticate(args: CloudArgs, environ: Mapping[str, str] | None = None) -> Login:
    """Load the cloud's configuration, authenticate with Keystone and find the block-storage endpoint."""
    region = load_region(args, environ)
    verify, cert = region.get_requests_verify_args()
    cert_file, key_file = (cert if isinstance(cert, tuple) else (cert, None)) if cert else (None, None)
    timeout = region.config.get("api_timeout")
    with _keystone_faults(region):
        endpoint, token, expires_at, project_id, compute, roles = _log_in(args, region)
    if not endpoint:
        raise ConfigError("no block-storage endpoint: the catalog has none and none is configured.")
    return Login(
        endpoint=str(endpoint).rstrip("/"),
        token=token,
        expires_at=expires_at,
        project_id=project_id,
        verify=verify if isinstance(verify, bool | str) else True,
        cert=cert_file,
        key=key_file,
        timeout=float(timeout) if timeout else None,
        compute_endpoint=str(compute).rstrip("/") if compute else None,
        roles=roles,
    )


_LogIn = tuple[str | None, str | None, float | None, str | None, str | None, tuple[str, ...] | None]


def _log_in(args: CloudArgs, region: Any) -> _LogIn:
    """(endpoint, token, expiry, project id, compute endpoint, roles) from the auth plugin and the catalog."""
    import keystoneauth1.exceptions as ksa_exc

    session = region.get_session()
    if session.verify is True and (found := env_ca_bundle(os.environ)):
        session.verify = found[1]  # Cinder's trust: requests alone would ignore SSL_CERT_FILE/SSL_CERT_DIR
    auth = session.auth
    endpoint = args.endpoint or region.get_endpoint("block-storage")
    if auth is None or not hasattr(auth, "get_access"):
        # auth_type none / admin_token: the plugin knows the endpoint and (maybe) the token.
        if not endpoint and auth is not None:
            endpoint = auth.get_endpoint(session)
        token = auth.get_token(session) if auth is not None and region.config.get("auth_type") != "none" else None
        return endpoint, token, None, args.project_id, region.get_endpoint("compute"), None
    from .catalog import block_storage_url, compute_url  # the cold path only, as the rest of this function

    access = auth.get_access(session)
    expires_at = access.expires.timestamp() if access.expires else None
    if not endpoint:
        interface, region_name = region.get_interface("block-storage"), region.get_region_name()
        endpoint = block_storage_url(access.service_catalog, interface, region_name, ksa_exc)
    compute = region.get_endpoint("compute") or compute_url(access.service_catalog, region, ksa_exc)
    roles = tuple(access.role_names or ()) if hasattr(access, "role_names") else None
    return endpoint, access.auth_token, expires_at, access.project_id, compute, roles


@contextmanager
def _keystone_faults(region: Any) -> Iterator[None]:
    """keystoneauth1's exceptions, as one line each."""
    import keystoneauth1.exceptions as ksa_exc

    try:
        yield
    except ksa_exc.Unauthorized as exc:
        who = region.config.get("auth", {}).get("username") or "the configured user"
        raise AuthError(
            f"Keystone refused the credentials of {who} for cloud {region.name or 'envvars'!r}: {one_line(exc)}",
            hint="Check the username, password and project (clouds.yaml, secure.yaml or OS_* variables).",
        ) from None
    except ksa_exc.SSLError as exc:
        raise TransportError(
            f"TLS verification failed talking to Keystone: {one_line(exc)}", hint=TLS_HINT, reason="tls_untrusted"
        ) from None
    except ksa_exc.ConnectTimeout as exc:
        raise TransportError(f"timed out connecting to Keystone{_via_proxy(region)}: {one_line(exc)}") from None
    except ksa_exc.ConnectFailure as exc:
        auth_url = region.config.get("auth", {}).get("auth_url", "")
        raise TransportError(
            f"cannot connect to Keystone at {auth_url}{_via_proxy(region)}: {_reason(exc)}.",
            hint="Check auth_url and that Keystone is up.",
        ) from None
    except ksa_exc.DiscoveryFailure as exc:
        raise TransportError(f"cannot find the identity API: {one_line(exc)}", hint="Check auth_url.") from None
    except ksa_exc.ClientException as exc:
        raise AuthError(f"authentication failed: {one_line(exc)}") from None


def _via_proxy(region: Any) -> str:
    """`` through the proxy …`` when requests sends Keystone's requests through one (credentials masked)."""
    proxy = proxy_for(str(region.config.get("auth", {}).get("auth_url") or ""))
    return f" through the proxy {redact_url(proxy)}" if proxy else ""


def _reason(exc: BaseException) -> str:
    """The OS-level reason inside a requests/urllib3 connection error, e.g. 'Connection refused'."""
    found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", str(exc))
    if found:
        return found.group(1).strip()
    return "name resolution failed" if "resolve" in str(exc).lower() else one_line(exc)
