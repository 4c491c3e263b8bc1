import asyncio

import pytest

from adapters.clock.clocks import FixedClock, Uuid7Source
from adapters.memory.sms import RecordingSignal
from application.idempotency import IdempotencyKey
from application.orders.create_order import CreateOrder, CreateOrderCommand
from domain.errors import ReadOnlyUnitOfWorkError
from domain.items import Item
from domain.pagination import CustomerFilter, OrderFilter, Window
from domain.ports import UnitOfWorkFactory
from domain.sms import SmsTemplate
from tests.contracts.builders import customer, item, seed_orders, seed_parties
from tests.factories import T0


class UnitOfWorkContract:
    async def test_forgets_everything_left_uncommitted(self, make_uow: UnitOfWorkFactory) -> None:
        buyer, product = await seed_parties(make_uow)

        async with make_uow() as uow:
            await uow.customers.add(customer())
            await uow.items.remove(product.id)
            await uow.orders.next_number()

        async with make_uow() as uow:
            customers = await uow.customers.list(CustomerFilter(), Window())
            still_there = await uow.items.get(product.id)
        assert (customers, still_there) == ([buyer], product)

    async def test_forgets_changes_when_the_block_raises(self, make_uow: UnitOfWorkFactory) -> None:
        added = item()

        with pytest.raises(LookupError):
            await _add_then_fail(make_uow, added)

        async with make_uow() as uow:
            assert await uow.items.get(added.id) is None

    async def test_rolls_back_what_was_staged_since_the_last_commit(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        kept, dropped = item(), item()

        async with make_uow() as uow:
            await uow.items.add(kept)
            await uow.commit()
            await uow.items.add(dropped)
            await uow.rollback()

        async with make_uow() as uow:
            found = [await uow.items.get(kept.id), await uow.items.get(dropped.id)]
        assert found == [kept, None]

    async def test_sees_its_own_staged_changes_before_commit(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        [order] = await seed_orders(make_uow, buyer, product, [T0])

        async with make_uow() as uow:
            await uow.orders.remove(order.id)
            seen = await uow.orders.list(OrderFilter(), Window())

        assert seen == []

    async def test_two_creates_with_one_idempotency_key_place_one_order(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        create_order = CreateOrder(
            unit_of_work=make_uow,
            clock=FixedClock(T0),
            ids=Uuid7Source(),
            template=SmsTemplate(),
            signal=RecordingSignal(),
        )
        key = IdempotencyKey(key="retry-1", caller="till-3")
        command = CreateOrderCommand(
            customer_id=buyer.id, item_id=product.id, quantity=1, idempotency=key
        )

        first, second = await asyncio.gather(create_order(command), create_order(command))

        assert first.order.id == second.order.id
        async with make_uow() as uow:
            placed = await uow.orders.list(OrderFilter(), Window())
            notified = await uow.notifications.list(None, Window())
        assert (len(placed), len(notified)) == (1, 1)

    async def test_a_read_only_unit_of_work_sees_what_was_committed(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)

        async with make_uow(read_only=True) as uow:
            found = (await uow.customers.get(buyer.id), await uow.items.get(product.id))

        assert found == (buyer, product)

    async def test_a_read_only_unit_of_work_refuses_to_commit(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        _, product = await seed_parties(make_uow)

        async with make_uow(read_only=True) as uow:
            await uow.items.get(product.id)
            with pytest.raises(ReadOnlyUnitOfWorkError):
                await uow.commit()

        async with make_uow() as uow:
            assert await uow.items.get(product.id) == product


async def _add_then_fail(make_uow: UnitOfWorkFactory, added: Item) -> None:
    async with make_uow() as uow:
        await uow.items.add(added)
        raise LookupError
