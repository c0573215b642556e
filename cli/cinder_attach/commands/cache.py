"""``attach cache``: see and clear this user's token cache."""

import typer

from .. import token_cache

app = typer.Typer(help="The token cache (one 0600 file per cloud and settings, in a 0700 directory).")


@app.command("clear")
def clear() -> None:
    """Remove all of this user's cached tokens (the next run logs in again)."""
    removed = token_cache.clear()
    typer.echo(f"Removed {removed} cached token(s) from {token_cache.cache_dir()}.")


@app.command("path")
def path() -> None:
    """Print the cache directory."""
    typer.echo(str(token_cache.cache_dir()))
