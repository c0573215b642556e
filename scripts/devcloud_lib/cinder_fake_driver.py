"""Fake Cinder volume driver for the devcloud (imported inside the cinder venv).

Cinder's own ``FakeLoggingVolumeDriver`` does not advertise multiattach in its
pool stats, so the scheduler refuses multiattach volume types with
``NoValidBackend``. This subclass only adds that capability.
"""

from cinder.tests.fake_driver import FakeLoggingVolumeDriver


class MultiattachFakeDriver(FakeLoggingVolumeDriver):
    """FakeLoggingVolumeDriver whose pools report ``multiattach=True``."""

    def _update_volume_stats(self) -> None:
        super()._update_volume_stats()
        self._stats["multiattach"] = True
        for pool in self._stats.get("pools", []):
            pool["multiattach"] = True
