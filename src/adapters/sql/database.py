"""Which database a URL names, and the driver this project runs it on."""

from sqlalchemy.engine import URL, make_url

from adapters.sql.postgres import PostgresDatabase
from adapters.sql.sqlite import SqliteDatabase
from adapters.sql.transactions import Rows, SqlDatabase, Transaction

__all__ = ["Rows", "SqlDatabase", "Transaction", "engine_url", "open_database"]

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


def open_database(database_url: str) -> SqlDatabase:
    """The database behind ``database_url``; no connection is made until first use."""
    url = engine_url(database_url)
    if url.get_backend_name() == "sqlite":
        return SqliteDatabase(url)
    return PostgresDatabase(url)
