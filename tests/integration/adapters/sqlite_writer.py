"""A worker process that places orders in a SQLite file, for the multi-process test."""

import asyncio
from multiprocessing.synchronize import Barrier
from uuid import UUID

from adapters.sql.database import open_database
from adapters.sql.unit_of_work import SqlUnitOfWork
from tests.contracts.builders import make_notification, make_order


async def _place_orders(url: str, customer_id: UUID, item_id: UUID, count: int) -> None:
    database = open_database(url)
    try:
        for _ in range(count):
            async with SqlUnitOfWork(database) as uow:
                buyer = await uow.customers.get(customer_id)
                product = await uow.items.get(item_id)
                assert buyer is not None
                assert product is not None
                order = make_order(buyer, product, number=await uow.orders.next_number())
                await uow.orders.add(order)
                await uow.notifications.add(make_notification(order, buyer))
                await uow.commit()
    finally:
        await database.dispose()


def place_orders(url: str, customer_id: UUID, item_id: UUID, count: int, start: Barrier) -> None:
    start.wait()
    asyncio.run(_place_orders(url, customer_id, item_id, count))
