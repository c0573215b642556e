"""The ``attach`` console script, kept apart from ``main`` so it runs before typer is imported."""

import gc
import sys


def run() -> None:
    # A run lives a fraction of a second and makes few reference cycles, but the cycle collector
    # would walk typer's and httpx's import-time objects several times (~5 ms of start-up).
    # The cold path (openstacksdk, keystoneauth1) turns it back on: see cloud.load_region.
    gc.disable()
    from .main import main

    sys.exit(main())
