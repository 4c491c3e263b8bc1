from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import Connection, inspect

from adapters.sql.database import engine_url
from adapters.sql.errors import OutdatedSchemaError
from adapters.sql.migrate import (
    check_schema,
    current_revisions,
    downgrade_database,
    head_revisions,
    run_with_connection,
    upgrade_database,
    upgrade_new_sqlite_database,
)
from adapters.sql.tables import metadata
from entrypoints.cli import main
from tests.integration.adapters.conftest import ENGINES


@pytest.fixture(params=ENGINES)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with nothing in it, on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'new.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


def _ours(name: str | None, type_: str, _parent: Any) -> bool:
    # Other revisions add their own tables (identity); this check is about the core schema.
    return type_ != "table" or name in metadata.tables


def _schema_differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"include_name": _ours, "compare_type": True}
    )
    return list(compare_metadata(context, metadata))


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _inspect(url: str, look: Callable[[Connection], Any]) -> Any:
    return await run_with_connection(engine_url(url), look)


async def test_upgrade_builds_the_schema_the_tables_describe(empty_url: str) -> None:
    await upgrade_database(empty_url)

    differences = await _inspect(empty_url, _schema_differences)

    assert differences == []
    assert await current_revisions(empty_url) == head_revisions()


async def test_downgrade_to_base_removes_the_schema_and_upgrade_rebuilds_it(
    empty_url: str,
) -> None:
    await upgrade_database(empty_url)

    await downgrade_database(empty_url, "base")
    left = await _inspect(empty_url, _table_names)
    await upgrade_database(empty_url)

    assert left <= {"alembic_version"}
    assert set(metadata.tables) <= await _inspect(empty_url, _table_names)
    assert await _inspect(empty_url, _schema_differences) == []


async def test_refuses_a_database_without_the_latest_schema(empty_url: str) -> None:
    with pytest.raises(OutdatedSchemaError, match="purchase db upgrade"):
        await check_schema(empty_url)


async def test_accepts_a_database_at_the_latest_schema(empty_url: str) -> None:
    await upgrade_database(empty_url)

    await check_schema(empty_url)

    assert await current_revisions(empty_url) == head_revisions()


async def test_builds_the_schema_of_a_new_sqlite_file_on_first_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'first.db'}"

    built = await upgrade_new_sqlite_database(url)
    built_again = await upgrade_new_sqlite_database(url)

    assert (built, built_again) == (True, False)
    await check_schema(url)


@pytest.mark.postgres
async def test_leaves_a_postgresql_database_to_the_operator(postgres_url: str) -> None:
    built = await upgrade_new_sqlite_database(postgres_url)

    assert built is False
    assert await _inspect(postgres_url, _table_names) == set()


def test_db_upgrade_command_builds_the_schema(empty_url: str) -> None:
    runner = CliRunner()

    result = runner.invoke(main, ["db", "upgrade"], env={"PURCHASE_DATABASE_URL": empty_url})

    assert result.exit_code == 0, result.output
    assert "database schema at" in result.output
    status = runner.invoke(main, ["db", "status"], env={"PURCHASE_DATABASE_URL": empty_url})
    needed = ", ".join(sorted(head_revisions()))
    assert f"database: {needed}" in status.output


def test_db_upgrade_command_reports_a_database_it_cannot_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no-such-directory' / 'purchase.db'}"

    result = CliRunner().invoke(main, ["db", "upgrade"], env={"PURCHASE_DATABASE_URL": url})

    assert result.exit_code == 1
    assert "the database failed" in result.output
