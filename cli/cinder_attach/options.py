"""Options every command shares, declared once and added to each command's signature.

Each command asks for ``run: Run`` and/or ``out: OutputOptions``; :func:`shared_options` replaces
those parameters with the ``--os-*``/``--debug``/``--dry-run`` and ``-f``/``-c`` options, so they
work after the command name (``attach create354 --os-cloud x ...``) and show in its ``--help``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from .cloud import CloudArgs
from .output import OutputOptions
from .session import Run

F = TypeVar("F", bound=Callable[..., Any])


def _opt(*names: str, help: str, metavar: str | None = None) -> Any:
    return typer.Option(*names, help=help, metavar=metavar or "TEXT", show_default=False)


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


_S = str | None
CLOUD_PARAMS = [
    _param("os_cloud", Annotated[_S, _opt("--os-cloud", help="Cloud name in clouds.yaml [env: OS_CLOUD].")]),
    _param("os_auth_url", Annotated[_S, _opt("--os-auth-url", help="Keystone URL [env: OS_AUTH_URL].")]),
    _param(
        "os_auth_type",
        Annotated[_S, _opt("--os-auth-type", help="keystoneauth plugin: password, v3applicationcredential, token, …")],
    ),
    _param("os_username", Annotated[_S, _opt("--os-username", help="User name [env: OS_USERNAME].")]),
    _param("os_password", Annotated[_S, _opt("--os-password", help="Password [env: OS_PASSWORD].")]),
    _param("os_user_domain_name", Annotated[_S, _opt("--os-user-domain-name", help="User's domain name.")]),
    _param("os_project_name", Annotated[_S, _opt("--os-project-name", help="Project name.")]),
    _param("os_project_id", Annotated[_S, _opt("--os-project-id", help="Project id.")]),
    _param("os_project_domain_name", Annotated[_S, _opt("--os-project-domain-name", help="Project's domain name.")]),
    _param("os_region_name", Annotated[_S, _opt("--os-region-name", help="Region of the endpoint.")]),
    _param("os_interface", Annotated[_S, _opt("--os-interface", help="Endpoint interface: public, internal, admin.")]),
    _param("os_token", Annotated[_S, _opt("--os-token", help="A token to use instead of logging in.")]),
    _param(
        "os_endpoint",
        Annotated[_S, _opt("--os-endpoint", help="Block-storage endpoint (…/v3/<project_id>); skips the catalog.")],
    ),
    _param("os_cacert", Annotated[_S, _opt("--os-cacert", help="CA bundle to verify TLS with.")]),
    _param(
        "insecure", Annotated[bool, typer.Option("--insecure", help="Do not verify TLS (prints a warning).")], False
    ),
    _param("os_cert", Annotated[_S, _opt("--os-cert", help="Client certificate file.")]),
    _param("os_key", Annotated[_S, _opt("--os-key", help="Client certificate key file.")]),
    _param(
        "timeout",
        Annotated[
            float | None,
            _opt("--timeout", help="Seconds to wait for Cinder (default: api_timeout or 60).", metavar="S"),
        ],
    ),
    _param(
        "no_cache", Annotated[bool, typer.Option("--no-cache", help="Ignore and do not write the token cache.")], False
    ),
    _param("debug", Annotated[bool, typer.Option("--debug", help="HTTP trace on stderr (secrets masked).")], False),
    _param(
        "dry_run",
        Annotated[
            bool, typer.Option("--dry-run", help="Print the request that would be sent; send nothing to Cinder.")
        ],
        False,
    ),
]

OUTPUT_PARAMS = [
    _param(
        "format",
        Annotated[str, typer.Option("-f", "--format", help="table, json, yaml, value or shell.", metavar="FORMAT")],
        "table",
    ),
    _param(
        "column",
        Annotated[
            list[str] | None, typer.Option("-c", "--column", help="Show only this column (repeatable).", metavar="NAME")
        ],
    ),
    _param("noindent", Annotated[bool, typer.Option("--noindent", help="One-line JSON.")], False),
    _param("prefix", Annotated[str, typer.Option("--prefix", help="Prefix for -f shell variable names.")], ""),
    _param(
        "show_secrets",
        Annotated[bool, typer.Option("--show-secrets", help="Show connection_info secrets in table output.")],
        False,
    ),
]

_CLOUD_FIELDS = {
    "os_cloud": "cloud",
    "os_auth_url": "auth_url",
    "os_auth_type": "auth_type",
    "os_username": "username",
    "os_password": "password",
    "os_user_domain_name": "user_domain_name",
    "os_project_name": "project_name",
    "os_project_id": "project_id",
    "os_project_domain_name": "project_domain_name",
    "os_region_name": "region_name",
    "os_interface": "interface",
    "os_token": "token",
    "os_endpoint": "endpoint",
    "os_cacert": "cacert",
    "insecure": "insecure",
    "os_cert": "cert",
    "os_key": "key",
}


def _make_run(values: dict[str, Any]) -> Run:
    cloud = CloudArgs(**{field: values[name] for name, field in _CLOUD_FIELDS.items()})
    timeout = values["timeout"]
    if timeout is not None and not (0 < timeout < float("inf")):
        from .errors import UsageError

        raise UsageError(f"--timeout {timeout} must be a positive number of seconds.")
    return Run(
        cloud=cloud,
        use_cache=not values["no_cache"],
        debug=values["debug"],
        dry_run=values["dry_run"],
        timeout=timeout,
    )


def _make_out(values: dict[str, Any]) -> OutputOptions:
    return OutputOptions(
        format=values["format"],
        columns=tuple(values["column"] or ()),
        noindent=values["noindent"],
        prefix=values["prefix"],
        show_secrets=values["show_secrets"],
    )


def shared_options(func: F) -> F:
    """Replace a command's ``run``/``out`` parameters with the shared options they are built from."""
    sig = inspect.signature(func, eval_str=True)
    own = [p for p in sig.parameters.values() if p.name not in ("run", "out")]
    extra: list[inspect.Parameter] = []
    if "out" in sig.parameters:
        extra += OUTPUT_PARAMS
    if "run" in sig.parameters:
        extra += CLOUD_PARAMS
    names = {p.name for p in extra}

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        shared = {name: kwargs.pop(name) for name in list(kwargs) if name in names}
        if "run" in sig.parameters:
            kwargs["run"] = _make_run(shared)
        if "out" in sig.parameters:
            kwargs["out"] = _make_out(shared)
        return func(**kwargs)

    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + extra
    wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    del wrapper.__wrapped__
    return wrapper  # type: ignore[return-value]
