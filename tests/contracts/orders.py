from datetime import timedelta, timezone

from domain.orders import OrderStatus
from domain.pagination import OrderFilter, Window
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import (
    customer,
    ids_of,
    item,
    make_order,
    seed_orders,
    seed_parties,
)
from tests.factories import T0

HOUR = timedelta(hours=1)
EAST_AFRICA = timezone(timedelta(hours=3))


class OrderRepositoryContract:
    async def test_hands_out_increasing_numbers_even_after_a_rollback(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        async with make_uow() as uow:
            first = await uow.orders.next_number()
            await uow.commit()
        async with make_uow() as uow:
            await uow.orders.next_number()

        async with make_uow() as uow:
            later = await uow.orders.next_number()

        assert later > first >= 1

    async def test_returns_a_committed_order_as_it_was_placed(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        placed = make_order(buyer, product, quantity=3, number=41)
        async with make_uow() as uow:
            await uow.orders.add(placed)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.orders.get(placed.id)

        assert found == placed
        assert found is not None
        assert str(found.total.amount) == "751.50"

    async def test_keeps_a_cancellation(self, make_uow: UnitOfWorkFactory) -> None:
        buyer, product = await seed_parties(make_uow)
        [placed] = await seed_orders(make_uow, buyer, product, [T0])
        placed.cancel(T0 + HOUR)

        async with make_uow() as uow:
            await uow.orders.update(placed)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.orders.get(placed.id)
        assert found is not None
        assert (found.status, found.updated_at) == (OrderStatus.CANCELLED, T0 + HOUR)

    async def test_removes_an_order_with_its_notification(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        [placed] = await seed_orders(make_uow, buyer, product, [T0])

        async with make_uow() as uow:
            await uow.orders.remove(placed.id)
            await uow.commit()

        async with make_uow() as uow:
            gone = (
                await uow.orders.get(placed.id),
                await uow.notifications.get_for_order(placed.id),
            )
        assert gone == (None, None)

    async def test_lists_orders_a_window_at_a_time_in_id_order(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        placed = await seed_orders(make_uow, buyer, product, [T0] * 5)

        async with make_uow() as uow:
            first = await uow.orders.list(OrderFilter(), Window(limit=2))
            rest = await uow.orders.list(OrderFilter(), Window(after=first[-1].id, limit=5))

        assert ids_of(first) + ids_of(rest) == sorted(ids_of(placed))

    async def test_filters_orders_by_customer(self, make_uow: UnitOfWorkFactory) -> None:
        buyer, product = await seed_parties(make_uow)
        other, _ = await seed_parties(make_uow)
        wanted = await seed_orders(make_uow, buyer, product, [T0, T0])
        await seed_orders(make_uow, other, product, [T0])

        async with make_uow() as uow:
            found = await uow.orders.list(OrderFilter(customer_id=buyer.id), Window())

        assert ids_of(found) == ids_of(wanted)

    async def test_filters_orders_from_a_time_inclusive_to_a_time_exclusive(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        placed = await seed_orders(make_uow, buyer, product, [T0 + n * HOUR for n in range(4)])
        in_nairobi = T0.astimezone(EAST_AFRICA)

        async with make_uow() as uow:
            where = OrderFilter(placed_from=in_nairobi + HOUR, placed_before=T0 + 3 * HOUR)
            found = await uow.orders.list(where, Window())

        assert ids_of(found) == ids_of(placed[1:3])

    async def test_tells_whether_a_customer_or_an_item_has_orders(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        buyer, product = await seed_parties(make_uow)
        idle_customer, idle_item = customer(), item()
        async with make_uow() as uow:
            await uow.customers.add(idle_customer)
            await uow.items.add(idle_item)
            await uow.commit()
        await seed_orders(make_uow, buyer, product, [T0])

        async with make_uow() as uow:
            answers = [
                await uow.orders.exists_for_customer(buyer.id),
                await uow.orders.exists_for_customer(idle_customer.id),
                await uow.orders.exists_for_item(product.id),
                await uow.orders.exists_for_item(idle_item.id),
            ]

        assert answers == [True, False, True, False]
