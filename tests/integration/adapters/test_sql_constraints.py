"""What the database itself refuses, even when a caller skips the use cases' checks."""

from pathlib import Path

import pytest

from adapters.sql.database import SqlDatabase, open_database
from adapters.sql.errors import DatabaseError
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.errors import ConflictError, CustomerHasOrdersError, ItemHasOrdersError
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import customer, item, make_order, seed_orders, seed_parties
from tests.factories import T0


async def test_refuses_to_delete_a_customer_with_orders(make_uow: UnitOfWorkFactory) -> None:
    buyer, product = await seed_parties(make_uow)
    await seed_orders(make_uow, buyer, product, [T0])

    async with make_uow() as uow:
        with pytest.raises(CustomerHasOrdersError):
            await uow.customers.remove(buyer.id)


async def test_refuses_to_delete_an_item_with_orders(make_uow: UnitOfWorkFactory) -> None:
    buyer, product = await seed_parties(make_uow)
    await seed_orders(make_uow, buyer, product, [T0])

    async with make_uow() as uow:
        with pytest.raises(ItemHasOrdersError):
            await uow.items.remove(product.id)


async def test_refuses_an_order_for_a_customer_that_does_not_exist(
    make_uow: UnitOfWorkFactory,
) -> None:
    _, product = await seed_parties(make_uow)

    async with make_uow() as uow:
        with pytest.raises(ConflictError):
            await uow.orders.add(make_order(customer(), product))


async def test_refuses_an_order_without_a_positive_quantity(make_uow: UnitOfWorkFactory) -> None:
    buyer, product = await seed_parties(make_uow)
    order = make_order(buyer, product)
    order.quantity = 0

    async with make_uow() as uow:
        with pytest.raises(ConflictError):
            await uow.orders.add(order)


async def test_refuses_a_second_order_with_the_same_number(make_uow: UnitOfWorkFactory) -> None:
    buyer, product = await seed_parties(make_uow)
    async with make_uow() as uow:
        await uow.orders.add(make_order(buyer, product, number=7))
        await uow.commit()

    async with make_uow() as uow:
        with pytest.raises(ConflictError):
            await uow.orders.add(make_order(buyer, product, number=7))


async def test_keeps_the_database_usable_after_a_refused_change(
    database: SqlDatabase,
) -> None:
    first = customer()
    async with SqlUnitOfWork(database) as uow:
        await uow.customers.add(first)
        await uow.commit()
    with pytest.raises(ConflictError):
        async with SqlUnitOfWork(database) as uow:
            await uow.customers.add(customer(phone=first.phone))

    async with SqlUnitOfWork(database) as uow:
        await uow.items.add(item())
        await uow.commit()

    async with SqlUnitOfWork(database) as uow:
        assert await uow.customers.get(first.id) == first


@pytest.mark.postgres
async def test_reports_an_unreachable_database_without_a_driver_error() -> None:
    unreachable = open_database("postgresql://nobody@127.0.0.1:9/nothing")

    with pytest.raises(DatabaseError):
        async with SqlUnitOfWork(unreachable):
            pass

    await unreachable.dispose()


async def test_reports_an_unopenable_sqlite_file_without_a_driver_error(tmp_path: Path) -> None:
    unopenable = open_database(f"sqlite:///{tmp_path / 'missing-directory' / 'purchase.db'}")

    with pytest.raises(DatabaseError):
        async with SqlUnitOfWork(unopenable):
            pass

    await unopenable.dispose()
