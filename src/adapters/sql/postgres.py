"""PostgreSQL: SQLAlchemy builds, compiles and converts; asyncpg runs the statements.

The engine's pool hands out asyncpg connections; each unit of work runs its statements on
one of them directly, in an asyncpg transaction. Compiling every statement once per shape
and skipping SQLAlchemy's async execution layer (a greenlet switch and an execution
context per statement) halves the CPU an order transaction costs (docs/persistence.md).
"""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import Dialect, Executable
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from adapters.sql.compiled import Prepared
from adapters.sql.errors import ConflictFactory, DatabaseError, conflict_for
from adapters.sql.transactions import Parameters, Rows, Transaction

# Server-side faults leave the connection usable; anything else (a dropped socket) does not.
_CONNECTION_FAULTS = (asyncpg.InterfaceError, OSError)


class _PostgresTransaction:
    dialect = "postgresql"

    def __init__(self, driver: Any, sql_dialect: Dialect, *, read_only: bool) -> None:
        self._driver = driver
        self._sql_dialect = sql_dialect
        self._read_only = read_only
        self._open: Any = None
        self.broken = False

    async def execute(
        self,
        statement: Executable | Prepared,
        parameters: Parameters = None,
        *,
        on_conflict: ConflictFactory | None = None,
    ) -> Rows:
        prepared = statement if isinstance(statement, Prepared) else Prepared(statement)
        if isinstance(parameters, Sequence):
            raise TypeError("one parameter set per statement on PostgreSQL")
        plan = prepared.plan(self._sql_dialect, tuple(parameters or ()))
        if plan is None:
            raise TypeError("expanding IN lists do not run on PostgreSQL; use = ANY(:list)")
        values = plan.values(parameters or {})
        try:
            await self._begin()
            records = await self._driver.fetch(plan.sql, *values)
        except asyncpg.IntegrityConstraintViolationError as error:
            raise conflict_for(error, on_conflict) from error
        except (asyncpg.PostgresError, *_CONNECTION_FAULTS) as error:
            self.broken = self.broken or isinstance(error, _CONNECTION_FAULTS)
            raise DatabaseError(str(error)) from error
        return plan.rows(records)

    async def commit(self) -> None:
        opened, self._open = self._open, None
        if opened is not None:
            try:
                await opened.commit()
            except (asyncpg.PostgresError, *_CONNECTION_FAULTS) as error:
                self.broken = self.broken or isinstance(error, _CONNECTION_FAULTS)
                raise DatabaseError(str(error)) from error

    async def rollback(self) -> None:
        opened, self._open = self._open, None
        if opened is not None and not self.broken:
            await opened.rollback()

    async def _begin(self) -> None:
        # Begun on the first statement, and again after each commit or rollback.
        if self._open is None:
            opened = self._driver.transaction(readonly=self._read_only)
            await opened.start()
            self._open = opened


class PostgresDatabase:
    """A PostgreSQL database through SQLAlchemy's pool and statements on asyncpg."""

    dialect = "postgresql"

    def __init__(self, url: URL, pool_size: int = 10) -> None:
        self._engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            # JIT compilation costs more than it saves on short OLTP statements.
            connect_args={"server_settings": {"jit": "off"}},
        )

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @asynccontextmanager
    async def transaction(self, *, read_only: bool = False) -> AsyncIterator[Transaction]:
        connection = self._engine.connect()
        try:
            _ = await connection.start()
            driver = (await connection.get_raw_connection()).driver_connection
        except (SQLAlchemyError, *_CONNECTION_FAULTS) as error:
            raise DatabaseError(str(error)) from error
        transaction = _PostgresTransaction(driver, self._engine.dialect, read_only=read_only)
        try:
            yield transaction
        finally:
            await _release(connection, transaction)

    async def dispose(self) -> None:
        await self._engine.dispose()


async def _release(connection: AsyncConnection, transaction: _PostgresTransaction) -> None:
    """Roll back what was left open and hand the connection back, or drop it if broken."""
    try:
        await transaction.rollback()
    except (asyncpg.PostgresError, *_CONNECTION_FAULTS):
        transaction.broken = True
    if transaction.broken:
        await connection.invalidate()
    await connection.close()
