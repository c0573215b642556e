"""Gunicorn entry point for the devcloud Keystone (runs inside the keystone venv, scripts/ on its path).

Keystone parses ``sys.argv`` as its own command line when the app is built, and
exits on gunicorn's options (``unrecognized arguments``), so the argv is cut to
the program name while importing. The config file comes from the environment
variable ``OS_KEYSTONE_CONFIG_FILES`` set by ``scripts/devcloud``. Every
request is written to ``DEVCLOUD_ACCESS_LOG`` by :mod:`accesslog`.
"""

import os
import sys

_saved_argv = sys.argv
sys.argv = sys.argv[:1]
try:
    from keystone.wsgi.api import application as _keystone_app
finally:
    sys.argv = _saved_argv

from devcloud_lib.accesslog import AccessLog  # noqa: E402  (after keystone's argv dance)

application = AccessLog(_keystone_app, os.environ["DEVCLOUD_ACCESS_LOG"])
