from datetime import timedelta
from decimal import Decimal

import pytest

from domain.items import Size
from domain.money import Money
from domain.pagination import Window
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import ids_of, item
from tests.factories import T0


class ItemRepositoryContract:
    @pytest.mark.parametrize(
        "amount",
        [
            pytest.param("0.10", id="ten-cents"),
            pytest.param("0.00", id="free"),
            pytest.param("999999999999.99", id="largest"),
            pytest.param("1500.05", id="not-a-binary-fraction"),
        ],
    )
    async def test_keeps_every_cent_of_a_price(
        self, make_uow: UnitOfWorkFactory, amount: str
    ) -> None:
        added = item(unit_price=Money(Decimal(amount), "USD"), size=None)
        async with make_uow() as uow:
            await uow.items.add(added)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.items.get(added.id)

        assert found == added
        assert found is not None
        assert str(found.unit_price.amount) == amount

    async def test_keeps_every_updated_field(self, make_uow: UnitOfWorkFactory) -> None:
        added = item()
        async with make_uow() as uow:
            await uow.items.add(added)
            await uow.commit()
        added.name, added.size = "Maasai shuka", Size.XXL
        added.unit_price, added.updated_at = Money(Decimal("99.99")), T0 + timedelta(hours=2)

        async with make_uow() as uow:
            await uow.items.update(added)
            await uow.commit()

        async with make_uow() as uow:
            assert await uow.items.get(added.id) == added

    async def test_removes_an_item(self, make_uow: UnitOfWorkFactory) -> None:
        added = item()
        async with make_uow() as uow:
            await uow.items.add(added)
            await uow.commit()

        async with make_uow() as uow:
            await uow.items.remove(added.id)
            await uow.commit()

        async with make_uow() as uow:
            assert await uow.items.get(added.id) is None

    async def test_lists_items_a_window_at_a_time_in_id_order(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        added = [item() for _ in range(5)]
        async with make_uow() as uow:
            for one in reversed(added):
                await uow.items.add(one)
            await uow.commit()

        async with make_uow() as uow:
            first = await uow.items.list(Window(limit=3))
            rest = await uow.items.list(Window(after=first[-1].id, limit=3))
            after_last = await uow.items.list(Window(after=rest[-1].id))

        assert ids_of(first) + ids_of(rest) == sorted(ids_of(added))
        assert (len(first), after_last) == (3, [])
