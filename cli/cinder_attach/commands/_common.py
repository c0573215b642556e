"""What the commands share: option types, input checks, record building and command-level hints.

Advice that names a CLI command (``attach create327``, ``attach list …``) lives here and in the
commands, never in the fault mapper, which knows only the API.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..connector import build_connector
from ..errors import EXIT_FAILURE, APIError, AttachError, DryRunDone, UsageError, VolumeLookupError, interrupted
from ..faults import version_tuple
from ..inputs import check_not_empty
from ..output import Record, Step
from ..uuids import canonical_uuid, is_uuid_like
from ..views import ATTACHMENT_COLUMNS, BLANK_IN_TABLE

if TYPE_CHECKING:
    from ..client import AttachmentClient

VolumeUUID = Annotated[
    str | None,
    typer.Option("--volume-uuid", help="The volume to attach, by id.", metavar="UUID", show_default=False),
]
VolumeRef = Annotated[
    str | None,
    typer.Option(
        "--volume",
        help="The volume to attach, by name or id (instead of --volume-uuid). A name costs one GET.",
        metavar="NAME|UUID",
        show_default=False,
    ),
]
InstanceUUID = Annotated[
    str | None,
    typer.Option(
        "--instance-uuid",
        help="The server (Nova instance), or any consumer's unique id, the volume is attached to.",
        metavar="UUID",
        show_default=False,
    ),
]
ConnectorPairs = Annotated[
    list[str] | None,
    typer.Option(
        "--connector",
        help=(
            "A connector key (repeatable). os-brick's keys are typed: strings as given (os_type=123 is "
            '"123"), booleans true|false, lists a,b or a JSON array. Other keys: JSON if it parses, else a string.'
        ),
        metavar="KEY=VALUE",
        show_default=False,
    ),
]
ConnectorFile = Annotated[
    str | None,
    typer.Option(
        "--connector-file",
        help='Connector as JSON or YAML (*.json: strict JSON), bare or as {"connector": {...}}; - reads stdin. '
        "--connector overrides keys.",
        metavar="PATH|-",
        show_default=False,
    ),
]
FromHost = Annotated[
    bool,
    typer.Option(
        "--connector-from-host",
        help=(
            "Start the connector from this host's, read with os-brick as `attach connector` does (the `host` "
            "extra); --connector-file keys, then --connector keys, override it."
        ),
    ),
]
RootHelper = Annotated[
    str,
    typer.Option(
        "--root-helper",
        help="Command that runs os-brick's privileged helper when not root, to read this host's connector.",
        metavar="CMD",
    ),
]
KeepOnFailure = Annotated[
    bool,
    typer.Option(
        "--keep-on-failure",
        help="If Cinder reserves the volume but the connect fails, keep that reservation (default: delete it).",
    ),
]
HostIP = Annotated[
    str | None,
    typer.Option("--host-ip", help="The address the storage reaches this host on (default: the route's).",
                 metavar="IP", show_default=False),
]  # fmt: skip
Multipath = Annotated[bool, typer.Option("--multipath", help="Ask for multipath connections.")]
EnforceMultipath = Annotated[
    bool, typer.Option("--enforce-multipath", help="Fail if multipathd is not running (with --multipath).")
]
WaitSeconds = Annotated[
    float | None,
    typer.Option(
        "--wait",
        help=(
            "If the volume is busy (creating, detaching, …), read it until Cinder would reserve it, for at most "
            "SECONDS, then create once. An error status or the deadline ends it (exit 1, nothing created)."
        ),
        metavar="SECONDS",
        show_default=False,
    ),
]
def filter_option(name: str, help: str, metavar: str) -> Any:
    """A list filter's option: no default shown, since "not given" means "no filter"."""
    return typer.Option(name, help=help, metavar=metavar, show_default=False)


InstanceFilter = Annotated[str | None, filter_option("--instance-id", "Only this instance's attachments.", "UUID")]
AllProjects = Annotated[bool, typer.Option("--all-projects", help="Every project's attachments (admin only).")]
ProjectFilter = Annotated[
    str | None,
    filter_option("--project", "Only this project's attachments (admin only; implies --all-projects).", "ID"),
]
AttachmentID = Annotated[str, typer.Argument(help="The attachment's id.", metavar="ATTACHMENT_ID", show_default=False)]
AttachmentIDs = Annotated[
    list[str], typer.Argument(help="Attachment ids.", metavar="ATTACHMENT_ID...", show_default=False)
]


def attachment_id(value: str) -> str:
    return canonical_uuid(value, "ATTACHMENT_ID")


def record(attachment: Any) -> Record:
    """An attachment model as the formatter shows it: exactly the keys and values the server sent."""
    return Record(attachment.to_dict(), ATTACHMENT_COLUMNS, BLANK_IN_TABLE)


def volume_input(by_id: str | None, by_ref: str | None, id_option: str, *, required: bool = True) -> str | None:
    """The volume from ``id_option UUID`` or ``--volume NAME|UUID`` (one of them), checked, nothing sent.

    A UUID comes back canonical; a name comes back as given, for :func:`find_volume` once every other
    input has been checked.
    """
    if by_id is not None and by_ref is not None:
        raise UsageError(f"give {id_option} or --volume, not both.", hint="--volume takes a name or an id.")
    if by_id is not None:
        return canonical_uuid(by_id, id_option)
    if by_ref is None:
        if required:
            raise UsageError("no volume given.", hint=f"Give --volume NAME|UUID or {id_option} UUID.")
        return None
    check_not_empty(by_ref, "--volume", "the volume's name or id")
    return canonical_uuid(by_ref, "--volume") if is_uuid_like(by_ref) else by_ref


def find_volume(client: "AttachmentClient", volume: str, id_option: str, outcome: str) -> str:
    """The id of ``volume`` (a UUID costs no request), with the CLI's advice when a name is not unique."""
    try:
        return client.find_volume_id(volume)
    except VolumeLookupError as exc:
        fix = f"Give {id_option} with one of these ids." if exc.matches else "Check the name, or give the id."
        exc.add_hint(f"{outcome} {fix}")
        raise


def create_inputs(
    volume_uuid: str | None,
    volume: str | None,
    instance_uuid: str | None,
    pairs: list[str] | None,
    file: str | None,
    host: Callable[[], Mapping[str, Any]] | None = None,
) -> tuple[str, str | None, dict[str, Any] | None]:
    """Check every create input before anything is sent: (volume id or name, instance, connector).

    ``host`` reads this host's connector; it runs last, because it is the slow one (os-brick).
    """
    ref = volume_input(volume_uuid, volume, "--volume-uuid")
    assert ref is not None  # required
    instance = canonical_uuid(instance_uuid, "--instance-uuid") if instance_uuid is not None else None
    return ref, instance, build_connector(pairs or (), file, host=host() if host is not None else None)


def host_reader(client: "AttachmentClient", from_host: bool, root_helper: str) -> Callable[[], dict[str, Any]] | None:
    """What reads this host's connector for ``--connector-from-host`` (None without it)."""
    if not from_host:
        return None
    return lambda: read_host_connector(client, root_helper=root_helper)


def read_host_connector(
    client: "AttachmentClient",
    *,
    host_ip: str | None = None,
    multipath: bool = False,
    enforce_multipath: bool = False,
    host: str | None = None,
    root_helper: str = "sudo",
) -> dict[str, Any]:
    """os-brick's connector for this host, its ip routed towards the cloud's endpoint when that is known."""
    return client.host_connector(
        host_ip=host_ip, multipath=multipath, enforce_multipath=enforce_multipath, host=host, root_helper=root_helper
    )


def each_id(
    client: "AttachmentClient",
    idents: Iterable[str],
    act: Callable[[str], Step],
    advise: Callable[[AttachError], None] | None = None,
) -> Iterator[Step]:
    """``act`` on each id in turn: a failure becomes a failed step and stops none of the others.

    A usage or configuration error stops everything (it would fail every id). A dry run shows each
    request, then ends the command.
    """
    for ident in idents:
        try:
            step = act(ident)
        except DryRunDone:
            continue
        except AttachError as exc:
            if exc.exit_code != EXIT_FAILURE:
                raise
            if advise is not None:
                advise(exc)
            yield Step(ident, error=exc)
            continue
        yield step
    if client.dry_run:
        raise DryRunDone()


@contextmanager
def create_hints(volume: str, *, below_354_hint: bool) -> Iterator[None]:
    """Add the CLI's advice to a failed create: how to check a create that may exist, which command to use,
    how to delete the reservation it left."""
    try:
        yield
    except KeyboardInterrupt as interrupt:
        err = interrupted(interrupt)
        if err.may_have_created:
            err.add_hint(f"Check with: attach list --volume-id {volume} --long")
        raise err from None
    except AttachError as exc:
        if exc.may_have_created:
            exc.add_hint(f"Check with: attach list --volume-id {volume} --long")
        elif len(exc.leftovers) == 1:
            exc.add_hint(f"Delete it with: attach delete {exc.leftovers[0]}")
        elif exc.leftovers:
            exc.add_hint("Delete the one it left with: attach delete ID")
        if isinstance(exc, APIError) and exc.volume_status in ("reserved", "unknown"):
            exc.add_hint(
                f"A reservation left behind shows in: attach list --volume-id {volume} --status reserved; "
                "delete it with: attach delete ID"
            )
        if (
            below_354_hint
            and isinstance(exc, APIError)
            and exc.status == 406
            and exc.max_version
            and version_tuple(exc.max_version) >= (3, 27)
        ):
            exc.add_hint("Use `attach create327` (no --mode) on this cloud.")
        raise


def require_connector(conn: dict[str, Any] | None, command: str) -> dict[str, Any]:
    if conn is None:
        raise UsageError(
            f"{command} needs a connector.",
            hint="Give --connector KEY=VALUE, --connector-file PATH or --connector-from-host.",
        )
    return conn
