"""SQLite on the standard library's driver, called inline on the event loop.

Each statement takes microseconds, while a hop to a worker thread costs more than the
statement itself (see docs/persistence.md). Within a process an ``asyncio.Lock`` lets one
writing transaction run at a time, and writers of every process take turns through a
``WriterTurn``; ``BEGIN IMMEDIATE`` takes SQLite's write lock up front, so a transaction
never fails half-way on upgrading a read lock, and the busy timeout makes any other
writer wait instead of failing. Read-only transactions take none of these locks: a
deferred ``BEGIN`` reads one WAL snapshot beside the writer.
"""

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Executable, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from adapters.sql.compiled import Plan, Prepared
from adapters.sql.errors import ConflictFactory, DatabaseError, conflict_for
from adapters.sql.transactions import Parameters, Rows, Transaction
from adapters.sql.writer_turn import WriterTurn

BUSY_TIMEOUT_SECONDS = 30.0


class _SqliteTransaction:
    dialect = "sqlite"

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        # Prepared statements run on the driver's connection, in SQLAlchemy's transaction.
        driver: Any = connection.connection.driver_connection
        self._driver: sqlite3.Connection = driver

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
        try:
            self._connection.rollback()
        except SQLAlchemyError as error:
            raise DatabaseError(str(error)) from error


class SqliteDatabase:
    """A SQLite file, its writing transactions serialised in-process, all run inline."""

    dialect = "sqlite"

    def __init__(self, url: URL) -> None:
        self._engine = _engine(url, _begin_immediate)
        # Readers get connections of their own, where a stray write fails at once
        # (query_only) instead of queuing for the write lock without the in-process one.
        self._readers = _engine(url, _begin_deferred, query_only=True)
        self._lock = asyncio.Lock()
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self._turn = WriterTurn(url.database)

    @asynccontextmanager
    async def transaction(self, *, read_only: bool = False) -> AsyncIterator[Transaction]:
        if read_only:
            with _begun(self._readers) as connection:
                yield _SqliteTransaction(connection)
            return
        async with self._writer_lock():
            await self._turn.take()
            try:
                with _begun(self._engine) as connection:
                    yield _SqliteTransaction(connection)
            finally:
                self._turn.give_back()

    async def dispose(self) -> None:
        self._engine.dispose()
        self._readers.dispose()
        self._turn.close()

    def _writer_lock(self) -> asyncio.Lock:
        # An asyncio.Lock belongs to one event loop; tests and CLI commands may run several.
        loop = asyncio.get_running_loop()
        if self._lock_loop is not loop:
            self._lock = asyncio.Lock()
            self._lock_loop = loop
        return self._lock


def _engine(url: URL, begin: Callable[[Connection], None], *, query_only: bool = False) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        # The connection used last has the warmest page cache.
        pool_use_lifo=True,
    )
    event.listen(engine, "connect", _prepare_sqlite_connection)
    if query_only:
        event.listen(engine, "connect", _refuse_writes)
    event.listen(engine, "begin", begin)
    return engine


@contextmanager
def _begun(engine: Engine) -> Iterator[Connection]:
    try:
        connection = engine.connect()
    except SQLAlchemyError as error:
        raise DatabaseError(str(error)) from error
    with connection:
        try:
            connection.begin()
        except SQLAlchemyError as error:
            raise DatabaseError(str(error)) from error
        yield connection


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


def _refuse_writes(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _begin_deferred(connection: Connection) -> None:
    # Takes no lock until the first read, which pins this transaction's WAL snapshot.
    connection.exec_driver_sql("BEGIN")
