import shutil
from collections.abc import AsyncIterator
from functools import partial
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.sql.database import SqlDatabase, open_database
from adapters.sql.migrate import upgrade_database
from adapters.sql.tables import metadata
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.ports import UnitOfWork, UnitOfWorkFactory
from tests.contracts.customer_model import Closer, StoreOpener
from tests.integration.postgres import PostgresServer, run_in_new_loop

ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; each test works on a copy."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    run_in_new_loop(upgrade_database(f"sqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_contract_url(postgres_server: PostgresServer) -> str:
    """A PostgreSQL database migrated once; each test starts from empty tables."""
    url = postgres_server.create_database("contracts")
    run_in_new_loop(upgrade_database(url))
    return url


async def _emptied(database: SqlDatabase) -> SqlDatabase:
    names = ", ".join(table.name for table in metadata.sorted_tables)
    async with database.transaction() as transaction:
        await transaction.execute(text(f"TRUNCATE {names} CASCADE"))
        await transaction.commit()
    return database


@pytest.fixture(params=ENGINES)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SqlDatabase]:
    """An empty, migrated database on each engine."""
    if request.param == "sqlite":
        path = tmp_path / "purchase.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        opened = open_database(f"sqlite:///{path}")
    else:
        opened = await _emptied(open_database(request.getfixturevalue("postgres_contract_url")))
    yield opened
    await opened.dispose()


@pytest.fixture
def make_uow(database: SqlDatabase) -> UnitOfWorkFactory:
    def make(*, read_only: bool = False) -> UnitOfWork:
        return SqlUnitOfWork(database, read_only=read_only)

    return make


@pytest.fixture(params=ENGINES)
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreOpener:
    """Opens an empty database on each engine, once per Hypothesis example."""
    copies = count()
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
    else:
        postgres: str = request.getfixturevalue("postgres_contract_url")

    async def open_sql() -> tuple[UnitOfWorkFactory, Closer]:
        if request.param == "sqlite":
            path = tmp_path / f"example-{next(copies)}.db"
            shutil.copyfile(template, path)
            database = open_database(f"sqlite:///{path}")
        else:
            database = await _emptied(open_database(postgres))
        return partial(SqlUnitOfWork, database), database.dispose

    return open_sql
