"""``python -m cinder_attach``."""

from .main import run

run()
