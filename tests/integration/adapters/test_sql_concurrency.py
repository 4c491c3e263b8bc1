import asyncio
import multiprocessing
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest

from adapters.sql.database import SqlDatabase, open_database
from adapters.sql.errors import DatabaseError
from adapters.sql.migrate import upgrade_database
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.items import Item
from domain.notifications import Notification
from domain.pagination import OrderFilter, Window
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import ids_of, item, seed_orders, seed_parties
from tests.factories import T0
from tests.integration.adapters.sqlite_writer import place_orders

ROUNDS = 25
PER_ROUND = 12
LEASE = timedelta(minutes=1)


async def _claim_until_empty(make_uow: UnitOfWorkFactory) -> list[Notification]:
    taken: list[Notification] = []
    while True:
        async with make_uow() as uow:
            claimed = await uow.notifications.claim_due(T0, LEASE, limit=2)
            await uow.commit()
        if not claimed:
            return taken
        taken += claimed


@pytest.mark.postgres
@pytest.mark.parametrize("database", ["postgres"], indirect=True)
async def test_dispatchers_on_postgresql_never_claim_the_same_notification(
    make_uow: UnitOfWorkFactory,
) -> None:
    buyer, product = await seed_parties(make_uow)
    duplicates, missed = [], []

    for _ in range(ROUNDS):
        seeded = await seed_orders(make_uow, buyer, product, [T0] * PER_ROUND)
        claims = await asyncio.gather(*(_claim_until_empty(make_uow) for _ in range(3)))
        taken = sorted(n.order_id for claimed in claims for n in claimed)
        duplicates += [order_id for order_id in set(taken) if taken.count(order_id) > 1]
        missed += sorted(set(ids_of(seeded)) - set(taken))

    assert (duplicates, missed) == ([], [])


async def test_two_processes_writing_one_sqlite_file_never_find_it_locked(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    await upgrade_database(url)
    database: SqlDatabase = open_database(url)
    buyer, product = await seed_parties(partial(SqlUnitOfWork, database))
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    count = 150
    workers = [
        context.Process(target=place_orders, args=(url, buyer.id, product.id, count, start))
        for _ in range(2)
    ]

    for worker in workers:
        worker.start()
    for worker in workers:
        await asyncio.to_thread(worker.join)

    async with SqlUnitOfWork(database) as uow:
        placed = await uow.orders.list(OrderFilter(), Window(limit=2 * count + 1))
    await database.dispose()
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(placed) == len({order.number for order in placed}) == 2 * count


async def test_a_read_only_unit_of_work_refuses_write_statements(
    make_uow: UnitOfWorkFactory,
) -> None:
    added = item()

    with pytest.raises(DatabaseError):
        async with make_uow(read_only=True) as uow:
            await uow.items.add(added)

    async with make_uow() as uow:
        assert await uow.items.get(added.id) is None


async def test_a_reader_runs_while_a_writer_holds_its_transaction_open(
    make_uow: UnitOfWorkFactory,
) -> None:
    _, product = await seed_parties(make_uow)
    staged, read = asyncio.Event(), asyncio.Event()

    async def write() -> None:
        async with make_uow() as uow:
            await uow.items.remove(product.id)
            staged.set()
            await read.wait()
            await uow.commit()

    async def read_beside() -> Item | None:
        await staged.wait()
        async with make_uow(read_only=True) as uow:
            seen = await uow.items.get(product.id)
        read.set()
        return seen

    # A reader that queued behind the writer would wait for ever: the timeout ends the test.
    async with asyncio.timeout(30):
        _, seen = await asyncio.gather(write(), read_beside())

    async with make_uow(read_only=True) as uow:
        after = await uow.items.get(product.id)
    assert (seen, after) == (product, None)
