"""Engines and transactions: SQLite inline on the event loop, PostgreSQL on asyncpg.

SQLite runs on the standard library's driver through a synchronous engine, called
directly from the event loop: each statement takes microseconds, while a hop to a worker
thread costs more than the statement itself (see docs/persistence.md). Within a process an
``asyncio.Lock`` lets one transaction run at a time; across processes ``BEGIN IMMEDIATE``
takes SQLite's write lock up front, so a transaction never fails half-way on upgrading a
read lock, and the busy timeout makes the other process wait instead of failing.
"""

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Executable, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from adapters.sql.compiled import Plan, Prepared
from adapters.sql.errors import ConflictFactory, DatabaseError, conflict_for

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 30.0
Parameters = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None

_SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite", "sqlite+aiosqlite"}
_POSTGRES_DRIVERS = {"postgresql", "postgres", "postgresql+asyncpg"}


def engine_url(database_url: str) -> URL:
    """The SQLAlchemy URL with the driver this project uses for ``database_url``.

    ``sqlite:///PATH`` runs on the standard library's sqlite3, ``postgresql://...`` on
    asyncpg; the driver-qualified forms of those two drivers are accepted as they are.
    """
    scheme = database_url.partition("://")[0].lower()
    url = make_url(database_url.replace("postgres://", "postgresql://", 1))
    if scheme in _SQLITE_DRIVERS:
        return url.set(drivername="sqlite+pysqlite")
    if scheme in _POSTGRES_DRIVERS:
        return url.set(drivername="postgresql+asyncpg")
    raise ValueError(
        f"unsupported database URL scheme {scheme!r}: use sqlite:///PATH or "
        "postgresql://USER@HOST:PORT/DATABASE"
    )


class Rows(Protocol):
    """What a statement gives back: SQLAlchemy's result, or the same shape from SQLite."""

    def first(self) -> Any: ...

    def scalar_one(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Transaction(Protocol):
    """One open database transaction; statements run in order, errors come out translated."""

    @property
    def dialect(self) -> str: ...

    async def execute(
        self,
        statement: Executable | Prepared,
        parameters: Parameters = None,
        *,
        on_conflict: ConflictFactory | None = None,
    ) -> Rows: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class SqlDatabase(Protocol):
    @property
    def dialect(self) -> str: ...

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    def sync_engine(self) -> Engine | None:
        """The synchronous engine, when the database has one (SQLite)."""

    async def dispose(self) -> None: ...


class _SqliteTransaction:
    dialect = "sqlite"

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._driver: sqlite3.Connection = connection.connection.driver_connection  # type: ignore[assignment]

    async def execute(
        self,
        statement: Executable | Prepared,
        parameters: Parameters = None,
        *,
        on_conflict: ConflictFactory | None = None,
    ) -> Rows:
        if isinstance(statement, Prepared):
            if not isinstance(parameters, Sequence):
                plan = statement.plan(self._connection.dialect, tuple(parameters or ()))
                if plan is not None:
                    return self._run(plan, parameters or {}, on_conflict)
            statement = statement.statement
        try:
            return self._connection.execute(statement, parameters)
        except IntegrityError as error:
            raise conflict_for(error.orig, on_conflict) from error
        except SQLAlchemyError as error:
            raise DatabaseError(str(error)) from error

    def _run(
        self, plan: Plan, parameters: Mapping[str, Any], on_conflict: ConflictFactory | None
    ) -> Rows:
        # The same transaction SQLAlchemy began (BEGIN IMMEDIATE) and will commit; after a
        # commit or rollback it begins the next one, as it would on its own execute.
        try:
            if not self._connection.in_transaction():
                self._connection.begin()
            fetched = self._driver.execute(plan.sql, plan.values(parameters)).fetchall()
        except sqlite3.IntegrityError as error:
            raise conflict_for(error, on_conflict) from error
        except (sqlite3.Error, SQLAlchemyError) as error:
            raise DatabaseError(str(error)) from error
        return plan.rows(fetched)

    async def commit(self) -> None:
        try:
            self._connection.commit()
        except SQLAlchemyError as error:
            raise DatabaseError(str(error)) from error

    async def rollback(self) -> None:
        self._connection.rollback()


class SqliteDatabase:
    """A SQLite file, its transactions serialised in-process and run inline on the loop."""

    dialect = "sqlite"

    def __init__(self, url: URL) -> None:
        self._engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        event.listen(self._engine, "connect", _prepare_sqlite_connection)
        event.listen(self._engine, "begin", _begin_immediate)
        self._lock = asyncio.Lock()
        self._lock_loop: asyncio.AbstractEventLoop | None = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._writer_lock():
            try:
                connection = self._engine.connect()
            except SQLAlchemyError as error:
                raise DatabaseError(str(error)) from error
            with connection:
                try:
                    connection.begin()
                except SQLAlchemyError as error:
                    raise DatabaseError(str(error)) from error
                yield _SqliteTransaction(connection)

    def sync_engine(self) -> Engine | None:
        return self._engine

    async def dispose(self) -> None:
        self._engine.dispose()

    def _writer_lock(self) -> asyncio.Lock:
        # An asyncio.Lock belongs to one event loop; tests and CLI commands may run several.
        loop = asyncio.get_running_loop()
        if self._lock_loop is not loop:
            self._lock = asyncio.Lock()
            self._lock_loop = loop
        return self._lock


def _prepare_sqlite_connection(dbapi_connection: Any, _record: object) -> None:
    # Autocommit at the driver level, so SQLAlchemy's BEGIN IMMEDIATE is the only BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
    # Keys are case-folded in Python; a case-sensitive LIKE can use their index.
    cursor.execute("PRAGMA case_sensitive_like=ON")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


class _PostgresTransaction:
    dialect = "postgresql"

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def execute(
        self,
        statement: Executable | Prepared,
        parameters: Parameters = None,
        *,
        on_conflict: ConflictFactory | None = None,
    ) -> Rows:
        if isinstance(statement, Prepared):
            statement = statement.statement
        try:
            return await self._connection.execute(statement, parameters)
        except IntegrityError as error:
            raise conflict_for(error.orig, on_conflict) from error
        except SQLAlchemyError as error:
            raise DatabaseError(str(error)) from error

    async def commit(self) -> None:
        try:
            await self._connection.commit()
        except SQLAlchemyError as error:
            raise DatabaseError(str(error)) from error

    async def rollback(self) -> None:
        await self._connection.rollback()


class PostgresDatabase:
    """A PostgreSQL database through SQLAlchemy Core on asyncpg."""

    dialect = "postgresql"

    def __init__(self, url: URL, pool_size: int = 10) -> None:
        self._engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=False,
            # JIT compilation costs more than it saves on short OLTP statements.
            connect_args={"server_settings": {"jit": "off"}},
        )

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        connection = self._engine.connect()
        try:
            _ = await connection.start()
        except (SQLAlchemyError, OSError) as error:
            raise DatabaseError(str(error)) from error
        try:
            _ = await connection.begin()
            yield _PostgresTransaction(connection)
        finally:
            await connection.close()

    def sync_engine(self) -> Engine | None:
        return None

    async def dispose(self) -> None:
        await self._engine.dispose()


def open_database(database_url: str) -> SqlDatabase:
    """The database behind ``database_url``; no connection is made until first use."""
    url = engine_url(database_url)
    if url.get_backend_name() == "sqlite":
        return SqliteDatabase(url)
    return PostgresDatabase(url)
