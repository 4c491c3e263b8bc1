"""Time the order transaction on each persistence option; the numbers behind docs/persistence.md.

One transaction reads the customer and the item's price, takes an order number and inserts
the order and its outbox row, then commits, like CreateOrder. Run:

    .venv/bin/python bench/persistence_drivers.py [--postgres postgresql://USER@HOST:PORT/DB]

The PostgreSQL database must be empty or already migrated; it is migrated and emptied.
"""

import argparse
import asyncio
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from uuid import UUID

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.sql.database import open_database
from adapters.sql.migrate import upgrade_database
from adapters.sql.rows import notification_values, order_values
from adapters.sql.tables import customers, items, metadata, notifications, orders
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.phone import PhoneNumber
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import make_notification, make_order, seed_parties

OrderTransaction = Callable[[], Awaitable[None]]
_NEXT_NUMBER = text(
    "INSERT INTO counters (name, value) VALUES ('order_number', 1) "
    "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
)


async def _rate(transaction: OrderTransaction, total: int, concurrency: int) -> tuple[float, float]:
    """Transactions per second of wall time, and this process's CPU microseconds for each.

    The CPU figure holds up on a busy machine, where the wall-clock rate does not.
    """
    per_task = total // concurrency

    async def worker() -> None:
        for _ in range(per_task):
            await transaction()

    started, cpu_started = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    done = per_task * concurrency
    cpu_per_transaction = (time.process_time() - cpu_started) / done * 1e6
    return done / (time.perf_counter() - started), cpu_per_transaction


async def _adapter_transaction(make_uow: UnitOfWorkFactory) -> OrderTransaction:
    buyer, product = await seed_parties(make_uow)

    async def place() -> None:
        async with make_uow() as uow:
            customer = await uow.customers.get(buyer.id)
            item = await uow.items.get(product.id)
            if customer is None or item is None:
                raise LookupError("the seeded customer or item is gone")
            order = make_order(customer, item, number=await uow.orders.next_number())
            await uow.orders.add(order)
            await uow.notifications.add(make_notification(order, customer))
            await uow.commit()

    return place


async def _bare_sqlite3_transaction(path: Path, make_uow: UnitOfWorkFactory) -> OrderTransaction:
    """The same statements as hand-written SQL on sqlite3: the floor SQLAlchemy adds to."""
    buyer, product = await seed_parties(make_uow)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=NORMAL")
    insert_order = "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    insert_notification = (
        "INSERT INTO notifications VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    async def place() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("SELECT * FROM customers WHERE id = ?", (buyer.id.hex,)).fetchone()
        connection.execute("SELECT * FROM items WHERE id = ?", (product.id.hex,)).fetchone()
        number = connection.execute(_NEXT_NUMBER.text).fetchone()[0]
        order = make_order(buyer, product, number=number)
        row = order_values(order) | {"unit_price": 25050, "total": 50100}
        connection.execute(insert_order, [_plain(value) for value in row.values()])
        note = notification_values(make_notification(order, buyer))
        connection.execute(insert_notification, [_plain(value) for value in note.values()])
        connection.execute("COMMIT")

    return place


def _plain(value: object) -> object:
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, PhoneNumber):
        return value.e164
    return value


async def _aiosqlite_transaction(path: Path, make_uow: UnitOfWorkFactory) -> OrderTransaction:
    """The same statements through SQLAlchemy's async engine on aiosqlite, for comparison."""
    buyer, product = await seed_parties(make_uow)
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}")

    async def place() -> None:
        async with engine.begin() as connection:
            await connection.execute(customers.select().where(customers.c.id == buyer.id))
            await connection.execute(items.select().where(items.c.id == product.id))
            number = (await connection.execute(_NEXT_NUMBER)).scalar_one()
            order = make_order(buyer, product, number=number)
            await connection.execute(orders.insert(), order_values(order))
            notification = make_notification(order, buyer)
            await connection.execute(notifications.insert(), notification_values(notification))

    return place


async def _raw_asyncpg_transaction(url: str, make_uow: UnitOfWorkFactory) -> OrderTransaction:
    """The same six statements on a bare asyncpg pool: the floor SQLAlchemy adds to."""
    buyer, product = await seed_parties(make_uow)
    pool = await asyncpg.create_pool(url.replace("+asyncpg", ""), min_size=16, max_size=16)
    insert_order = (
        "INSERT INTO orders (id, number, customer_id, item_id, quantity, unit_price, total,"
        " currency, status, placed_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"
    )
    insert_notification = (
        "INSERT INTO notifications (id, order_id, recipient, body, state, attempts,"
        " next_attempt_at, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)"
    )

    async def place() -> None:
        async with pool.acquire() as connection, connection.transaction():
            await connection.fetchrow("SELECT * FROM customers WHERE id = $1", buyer.id)
            await connection.fetchrow("SELECT * FROM items WHERE id = $1", product.id)
            number = await connection.fetchval("SELECT nextval('order_number_seq')")
            order = make_order(buyer, product, number=number)
            values = order_values(order)
            await connection.execute(insert_order, *values.values())
            note = notification_values(make_notification(order, buyer))
            await connection.execute(
                insert_notification,
                *(note[k] for k in list(note)[:6]),
                note["next_attempt_at"],
                note["created_at"],
                note["updated_at"],
            )

    return place


async def _measure(
    name: str, transaction: OrderTransaction, total: int, concurrencies: tuple[int, ...] = (1, 16)
) -> None:
    for concurrency in concurrencies:
        rate, cpu = await _rate(transaction, total, concurrency)
        line = f"{name:<40} tasks {concurrency:>2}: {rate:>6.0f} /s, {cpu:>5.0f} us CPU each"
        print(line)  # noqa: T201


async def _sqlite(total: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.db"
        await upgrade_database(f"sqlite:///{path}")
        database = open_database(f"sqlite:///{path}")

        def make_uow(*, read_only: bool = False) -> SqlUnitOfWork:
            return SqlUnitOfWork(database, read_only=read_only)

        transaction = await _adapter_transaction(make_uow)
        await _measure("sqlite3 inline (the adapter)", transaction, total)
        # aiosqlite gets one task: its deferred BEGIN races for the counter under load.
        transaction = await _bare_sqlite3_transaction(path, make_uow)
        await _measure("bare sqlite3, same statements", transaction, total)
        transaction = await _aiosqlite_transaction(path, make_uow)
        await _measure("SQLAlchemy async on aiosqlite", transaction, total // 4, (1,))
        await database.dispose()


async def _postgres(url: str, total: int) -> None:
    await upgrade_database(url)
    database = open_database(url)
    async with database.transaction() as emptying:
        tables = ", ".join(table.name for table in metadata.sorted_tables)
        await emptying.execute(text(f"TRUNCATE {tables} CASCADE"))
        await emptying.commit()

    def make_uow(*, read_only: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(database, read_only=read_only)

    transaction = await _adapter_transaction(make_uow)
    await _measure("SQLAlchemy statements on asyncpg (adapter)", transaction, total)
    transaction = await _raw_asyncpg_transaction(url, make_uow)
    await _measure("bare asyncpg, same statements", transaction, total)
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL to measure as well")
    parser.add_argument("--transactions", type=int, default=4000)
    arguments = parser.parse_args()
    asyncio.run(_sqlite(arguments.transactions))
    if arguments.postgres:
        asyncio.run(_postgres(arguments.postgres, arguments.transactions))


if __name__ == "__main__":
    main()
