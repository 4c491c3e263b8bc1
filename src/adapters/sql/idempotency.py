from datetime import datetime

from sqlalchemy import Executable, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite

from adapters.sql.compiled import Prepared
from adapters.sql.database import Transaction
from adapters.sql.rows import idempotency_from, idempotency_values
from adapters.sql.tables import idempotency_records
from domain.errors import IdempotencyKeyInUseError
from domain.idempotency import IdempotencyRecord

_table = idempotency_records.c
_GET = Prepared(
    select(idempotency_records).where(
        _table.scope == bindparam("scope"),
        _table.key == bindparam("key"),
        _table.expires_at > bindparam("now"),
    )
)


def _insert_unless_live(dialect: str) -> Executable:
    """Insert a record, or take over an expired one; returns nothing if a live one holds the key.

    One statement, so two transactions racing for a key meet at the primary key: on
    PostgreSQL the second waits for the first and then finds the key live.
    """
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(idempotency_records)
    replaced = {
        name: statement.excluded[name]
        for name in ("fingerprint", "resource_id", "created_at", "expires_at")
    }
    return statement.on_conflict_do_update(
        index_elements=[_table.scope, _table.key],
        set_=replaced,
        where=_table.expires_at <= statement.excluded.created_at,
    ).returning(_table.scope)


_INSERTS = {dialect: Prepared(_insert_unless_live(dialect)) for dialect in ("postgresql", "sqlite")}


class SqlIdempotencyRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    async def get(self, scope: str, key: str, now: datetime) -> IdempotencyRecord | None:
        """The unexpired record for ``key`` in ``scope``."""
        parameters = {"scope": scope, "key": key, "now": now}
        row = (await self._transaction.execute(_GET, parameters)).first()
        return None if row is None else idempotency_from(row)

    async def add(self, record: IdempotencyRecord) -> None:
        """Stage a record; ``IdempotencyKeyInUseError`` if the key is already recorded."""
        statement = _INSERTS[self._transaction.dialect]
        result = await self._transaction.execute(statement, idempotency_values(record))
        if result.first() is None:
            raise IdempotencyKeyInUseError("this idempotency key is already in use")
