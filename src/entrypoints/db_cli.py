"""``purchase db ...``: the database schema, managed by Alembic migrations."""

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import click

from adapters.sql.errors import DatabaseError
from adapters.sql.migrate import current_revisions, head_revisions, upgrade_database
from entrypoints.settings import Settings

T = TypeVar("T")


def _run(work: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(work)
    except DatabaseError as error:
        raise click.ClickException(f"the database failed: {error}") from error


@click.group()
def db() -> None:
    """The database schema (PURCHASE_DATABASE_URL)."""


@db.command()
@click.option("--revision", default="heads", show_default=True, help="Migrate up to this one.")
def upgrade(revision: str) -> None:
    """Apply the migrations this version needs; safe to run again."""
    settings = Settings.load()
    if settings.storage != "sql":
        raise click.UsageError("PURCHASE_DATABASE_URL names no SQL database; nothing to migrate")
    _run(upgrade_database(settings.database_url, revision))
    current = _run(current_revisions(settings.database_url))
    click.echo(f"database schema at {', '.join(sorted(current))}")


@db.command()
def status() -> None:
    """Show the schema revision of the database and the one this version needs."""
    settings = Settings.load()
    current = _run(current_revisions(settings.database_url))
    click.echo(f"database: {', '.join(sorted(current)) or 'no schema'}")
    click.echo(f"needed:   {', '.join(sorted(head_revisions()))}")
