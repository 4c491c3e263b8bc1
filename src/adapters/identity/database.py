"""The identity provider's connection to its database.

authlib's authorization server is synchronous, so its storage code takes a synchronous
``Connection``; ``IdentityDatabase.run`` hands it one inside an async transaction
(SQLAlchemy's ``run_sync``), which works on aiosqlite and asyncpg alike.
"""

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from adapters.identity.tables import metadata

T = TypeVar("T")

ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(database_url: str) -> str:
    """The async-driver form of ``database_url``; ``memory://`` becomes in-memory SQLite."""
    if database_url.startswith("memory:"):
        return "sqlite+aiosqlite://"
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend in ASYNC_DRIVERS:
        url = url.set(drivername=ASYNC_DRIVERS[backend])
    return url.render_as_string(hide_password=False)


def create_identity_engine(database_url: str) -> AsyncEngine:
    url = async_url(database_url)
    if url == "sqlite+aiosqlite://":
        # One shared connection, or every checkout would see a new empty database.
        return create_async_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    return create_async_engine(url)


class IdentityDatabase:
    def __init__(self, engine: AsyncEngine, *, in_memory: bool = False) -> None:
        self.engine = engine
        # An in-memory database is one shared connection: its transactions must take turns,
        # and it has no migrations, so its tables are made on first use.
        self._turns = asyncio.Lock() if in_memory else None
        self._schema_pending = in_memory

    async def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one transaction, committed unless it raises."""
        if self._turns is None:
            return await self._run(work)
        async with self._turns:
            if self._schema_pending:
                await self.create_tables()
                self._schema_pending = False
            return await self._run(work)

    async def _run(self, work: Callable[[Connection], T]) -> T:
        async with self.engine.begin() as connection:
            return await connection.run_sync(work)

    async def create_tables(self) -> None:
        """Create missing tables directly: for in-memory databases and tests, not production."""
        async with self.engine.begin() as connection:
            await connection.run_sync(metadata.create_all)

    async def dispose(self) -> None:
        await self.engine.dispose()


def open_identity_database(database_url: str) -> IdentityDatabase:
    engine = create_identity_engine(database_url)
    return IdentityDatabase(engine, in_memory=database_url.startswith("memory:"))
