"""When the cycle collector runs: the one policy behind the console script, the command runner and the cold path.

- Start-up runs with it off (:func:`off_for_start_up`, from ``_entry.run``): start-up makes many long-lived
  objects and few reference cycles, and the collector would walk typer's and httpx's import-time objects
  several times over.
- A command turns it back on once start-up's objects are frozen (:func:`on_from_here`, from
  ``options.command``): a command does make garbage in cycles, one httpx response per request (its stream
  points back at it), and without the collector a long list would keep every page's body. Frozen objects
  are never walked.
- The cold path turns it on before it imports openstacksdk and keystoneauth1 (:func:`on_for_heavy_imports`),
  which make many objects, some in cycles.

docs/benchmarks.md has what each step is worth.
"""

import gc


def off_for_start_up() -> None:
    gc.disable()


def on_from_here() -> None:
    """Freeze what exists now, then collect what is made from now on (once per process)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def on_for_heavy_imports() -> None:
    gc.enable()
