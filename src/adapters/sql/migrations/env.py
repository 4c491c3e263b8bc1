"""Alembic's entry point; ``adapters.sql.migrate`` always hands it an open connection."""

from alembic import context
from sqlalchemy.engine import Connection

from adapters.sql.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if not isinstance(_connection, Connection):
    raise TypeError("run migrations through `purchase db upgrade`, not the alembic command")
_run(_connection)
