"""The version, in one place: pyproject.toml reads it, ``attach --version`` prints it, the user agent carries it.

A leaf: it imports nothing, so any module may import it without a cycle.
"""

__version__ = "0.1.0"
# The name other programs see: the user agent of every request to Cinder, and keystoneauth's app_name.
PRODUCT = "cinder-attach"
USER_AGENT = f"{PRODUCT}/{__version__}"
