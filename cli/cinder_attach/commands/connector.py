"""``attach connector``: this host's connector, read with os-brick as Nova reads it (the ``host`` extra)."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..options import command
from ..output import Record
from . import summary
from ._common import EnforceMultipath, HostIP, Multipath, RootHelper, read_host_connector

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("connector") + """

The initiator IQN (iSCSI), NQN (NVMe-oF), WWPNs (FC), the host name, the
address the storage should reach this host on (ip), platform and multipath.
An identity the host lacks is left out, with a note on stderr. Its JSON
can be fed to `create354 --connector-file -`; `create354
--connector-from-host` reads the host itself.

Needs the optional extra: run `pip install '.[host]'` in a cinder-attach
checkout, with the pip of attach's virtualenv. As root it reads everything
in-process; otherwise os-brick's privileged helper is started with
--root-helper (default: sudo).

The default --host-ip is the local address of the route to the cloud's
block-storage endpoint, when it is known without logging in (--os-endpoint,
or a cached token unless --no-cache), else of the default route. Nothing is
sent to Cinder, so there is no --timeout or --dry-run here.

\b
Examples:
  attach connector
  attach connector -f json > connector.json
  attach connector --host-ip 192.0.2.10 --multipath -f value -c initiator
"""

HostName = Annotated[
    str | None, typer.Option("--host", help="The host name to report (default: this host's).", metavar="NAME")
]


# Nothing is sent, so no request to time or to show; a connector holds no connection_info to unmask.
@command(columns=None, without=("timeout", "dry_run", "show_secrets"))
def connector(
    host_ip: HostIP = None,
    multipath: Multipath = False,
    enforce_multipath: EnforceMultipath = False,
    host: HostName = None,
    root_helper: RootHelper = "sudo",
    *,
    client: "AttachmentClient",
) -> Record:
    found = read_host_connector(
        client,
        host_ip=host_ip,
        multipath=multipath,
        enforce_multipath=enforce_multipath,
        host=host,
        root_helper=root_helper,
    )
    return Record(found, tuple(found))
