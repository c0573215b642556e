"""``attach cache``: see and clear this user's token cache."""

import typer

from .. import token_cache
from . import summary

app = typer.Typer(
    help=summary("cache")
    + """

One 0600 file per cloud and settings, in a 0700 directory. A run that finds
its token there sends a single request.

\b
Examples:
  attach cache path
  attach cache clear
  ls -l "$(attach cache path)"
""",
    short_help=summary("cache"),
)


@app.command("clear")
def clear() -> None:
    """Remove all of your cached tokens; the next run logs in again.

    \b
    Examples:
      attach cache clear
      attach cache clear && attach list --os-cloud mycloud   # logs in afresh
    """
    removed = token_cache.clear()
    typer.echo(f"Removed {removed} cached token(s) from {token_cache.cache_dir()}.")


@app.command("path")
def path() -> None:
    """Print the cache directory.

    \b
    Examples:
      attach cache path
      ls -l "$(attach cache path)"
    """
    typer.echo(str(token_cache.cache_dir()))
