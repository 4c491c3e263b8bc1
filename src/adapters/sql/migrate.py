"""Schema migrations (Alembic, configured in code) and the startup check of the schema.

- ``upgrade_database(url)`` runs every migration not yet applied (``purchase db upgrade``).
- ``check_schema(url)`` refuses to serve on an outdated schema, naming the command to run.
- ``upgrade_new_sqlite_database(url)`` builds the schema of a SQLite file that has none, so
  a first ``purchase serve`` on the default database needs no extra step.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.sql.database import engine_url
from adapters.sql.errors import DatabaseError, OutdatedSchemaError

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
UPGRADE_COMMAND = "purchase db upgrade"
T = TypeVar("T")


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, without an alembic.ini: it lives in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


async def upgrade_database(database_url: str, revision: str = "heads") -> None:
    """Apply every migration up to ``revision`` (all of them by default)."""

    def upgrade(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)

    await run_with_connection(engine_url(database_url), upgrade)
    logger.info("database_upgraded", extra={"revision": revision})


async def downgrade_database(database_url: str, revision: str) -> None:
    def downgrade(connection: Connection) -> None:
        command.downgrade(alembic_config(connection), revision)

    await run_with_connection(engine_url(database_url), downgrade)
    logger.info("database_downgraded", extra={"revision": revision})


async def current_revisions(database_url: str) -> set[str]:
    def current(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    return await run_with_connection(engine_url(database_url), current)


async def check_schema(database_url: str) -> None:
    """Raise ``OutdatedSchemaError`` unless the database is at the latest migration."""
    current = await current_revisions(database_url)
    expected = head_revisions()
    if current != expected:
        found = ", ".join(sorted(current)) or "no schema"
        raise OutdatedSchemaError(
            f"the database schema is at {found} but this version needs "
            f"{', '.join(sorted(expected))}; run `{UPGRADE_COMMAND}` first"
        )


async def upgrade_new_sqlite_database(database_url: str) -> bool:
    """Build the schema of a SQLite database that has no tables yet; report if it did.

    A database that already has tables is left alone, even if it is outdated: changing
    an existing schema is the operator's call, through ``purchase db upgrade``.
    """
    url = engine_url(database_url)
    if url.get_backend_name() != "sqlite":
        return False

    def is_empty(connection: Connection) -> bool:
        return not inspect(connection).get_table_names()

    if not await run_with_connection(url, is_empty):
        return False
    await upgrade_database(database_url)
    return True


async def run_with_connection(url: URL, work: Callable[[Connection], T]) -> T:
    """Run ``work`` on a synchronous connection in one transaction, whatever the engine.

    Driver failures come out as ``DatabaseError``.
    """
    try:
        return await _run_with_connection(url, work)
    except (SQLAlchemyError, OSError) as error:
        raise DatabaseError(str(error)) from error


async def _run_with_connection(url: URL, work: Callable[[Connection], T]) -> T:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                return work(connection)
        finally:
            engine.dispose()
    async_engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with async_engine.begin() as async_connection:
            return await async_connection.run_sync(work)
    finally:
        await async_engine.dispose()
