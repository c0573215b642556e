"""scripts/devcloud's modules, and the files its servers run (stdlib only).

Host side (run by a bare python3): ``cli`` (the commands), ``settings``, ``console``, ``state``,
``procs``, ``venvs``, ``keystone_setup``, ``keystone_admin``, ``cinder_setup``, ``clouds_yaml``,
``updown``, ``seed``, and ``client`` (the HTTP client that bench and the tests share too).

Server side (imported inside the service venvs, with scripts/ on PYTHONPATH): ``accesslog``,
``keystone_wsgi``, ``cinder_launcher``, ``cinder_fake_driver``. Keep this file free of imports:
the Cinder process imports it before eventlet's monkey patch.
"""
