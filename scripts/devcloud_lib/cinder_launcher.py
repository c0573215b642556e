"""Run Cinder's API, scheduler and a volume service per backend in ONE process.

Runs inside the cinder venv, with scripts/ on PYTHONPATH:
``python -m devcloud_lib.cinder_launcher --config-file cinder.conf``.
One process is needed because the devcloud uses ``transport_url = fake:/``
(oslo.messaging's in-memory driver), which only connects services living in
the same process; it also keeps memory and start-up time low. Every HTTP
request to the API is written to ``DEVCLOUD_ACCESS_LOG`` by :mod:`accesslog`.
"""

try:  # the patch must run before anything else imports threading/socket
    from cinder import monkey_patch
except ImportError:  # Cinder before 2025.2 (26.x and older) patches as its own cinder/cmd/*.py do
    import eventlet

    eventlet.monkey_patch()
else:
    monkey_patch.patch()

import logging as python_logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from cinder import i18n  # noqa: E402
from oslo_config import cfg  # noqa: E402
from oslo_log import log as logging  # noqa: E402
from oslo_service import service as oslo_service  # noqa: E402
from oslo_service import wsgi as oslo_wsgi  # noqa: E402

i18n.enable_lazy()

from cinder import (
    coordination,  # noqa: E402
    objects,  # noqa: E402
    rpc,  # noqa: E402
    service,  # noqa: E402
    version,  # noqa: E402
)
from cinder.common import (
    config,  # noqa: E402
    constants,  # noqa: E402
)

from devcloud_lib.accesslog import AccessLog  # noqa: E402

CONF = cfg.CONF


class OwnRowService(service.Service):
    """A Service that heartbeats its own row in the services table.

    Cinder keeps a service's row id in a class attribute (one service per process), set by the last to start, so
    in one process every service heartbeats that last one's row: the others' rows go stale (the scheduler then
    counts their backends as down) and the row's availability zone flips with each heartbeat (the scheduler's
    zone filter then misses the loop backend). Putting this service's own id back first fixes both.
    """

    def report_state(self) -> None:
        service.Service.service_id = self.origin_service_id
        super().report_state()


class AccessLogLoader(oslo_wsgi.Loader):
    """Paste loader that wraps the loaded API app with the access log."""

    def load_app(self, name: str) -> Any:
        return AccessLog(super().load_app(name), os.environ["DEVCLOUD_ACCESS_LOG"])


def main() -> None:
    objects.register_all()
    CONF(sys.argv[1:], project="cinder", version=version.version_string())
    config.set_middleware_defaults()
    logging.setup(CONF, "cinder")
    python_logging.captureWarnings(True)
    log = logging.getLogger("devcloud")

    coordination.COORDINATOR.start()
    rpc.init(CONF)

    launcher = oslo_service.ServiceLauncher(CONF)
    # Scheduler first so the volume service's first capability report reaches it.
    launcher.launch_service(OwnRowService.create(binary=constants.SCHEDULER_BINARY))
    for backend in CONF.enabled_backends:  # the fake backend, and the test-only loop backend
        launcher.launch_service(
            OwnRowService.create(
                host=f"{CONF.host}@{backend}",
                service_name=backend,
                binary=constants.VOLUME_BINARY,
                coordination=True,
            )
        )
    api = service.WSGIService("osapi_volume", loader=AccessLogLoader(CONF))
    launcher.launch_service(api)
    backends = ", ".join(CONF.enabled_backends)
    log.info("devcloud cinder: api on %s:%s, scheduler and volume services (%s) started", api.host, api.port, backends)
    launcher.wait()


if __name__ == "__main__":
    main()
