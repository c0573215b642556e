"""``python -m cinder_attach``."""

from ._entry import run

run()
