"""``attach cache``: see and clear this user's token cache."""

import typer

from .. import token_cache
from . import summary

app = typer.Typer(
    help=summary("cache") + "\n\nOne 0600 file per cloud and settings, in a 0700 directory.",
    short_help=summary("cache"),
)


@app.command("clear")
def clear() -> None:
    """Remove all of your cached tokens; the next run logs in again."""
    removed = token_cache.clear()
    typer.echo(f"Removed {removed} cached token(s) from {token_cache.cache_dir()}.")


@app.command("path")
def path() -> None:
    """Print the cache directory."""
    typer.echo(str(token_cache.cache_dir()))
