from datetime import timedelta, timezone

import pytest

from domain.errors import DuplicateCustomerError
from domain.pagination import CustomerFilter, Window
from domain.phone import PhoneNumber
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import customer, ids_of
from tests.factories import T0

EAST_AFRICA = timezone(timedelta(hours=3))


class CustomerRepositoryContract:
    async def test_returns_a_committed_customer_as_it_was_added(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        added = customer(email="amina@example.com", external_reference="crm-1")
        async with make_uow() as uow:
            await uow.customers.add(added)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.customers.get(added.id)

        assert found == added

    async def test_gives_back_timestamps_as_the_same_instant(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        local = T0.astimezone(EAST_AFRICA)
        added = customer(created_at=local, updated_at=local + timedelta(microseconds=7))
        async with make_uow() as uow:
            await uow.customers.add(added)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.customers.get(added.id)

        assert found is not None
        assert (found.created_at, found.updated_at) == (T0, T0 + timedelta(microseconds=7))

    async def test_finds_customers_by_phone_and_by_external_reference(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        added = customer(external_reference="crm-7")
        async with make_uow() as uow:
            await uow.customers.add(added)
            await uow.commit()

        async with make_uow() as uow:
            by_phone = await uow.customers.get_by_phone(added.phone)
            by_reference = await uow.customers.get_by_external_reference("crm-7")
            missing = await uow.customers.get_by_phone(PhoneNumber.parse("+254799999999"))

        assert (by_phone, by_reference, missing) == (added, added, None)

    async def test_refuses_a_second_customer_with_the_same_phone(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        first = customer()
        async with make_uow() as uow:
            await uow.customers.add(first)
            await uow.commit()

        async with make_uow() as uow:
            with pytest.raises(DuplicateCustomerError):
                await uow.customers.add(customer(phone=first.phone))

        async with make_uow() as uow:
            assert await uow.customers.list(CustomerFilter(), Window()) == [first]

    async def test_refuses_a_second_customer_with_the_same_external_reference(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        async with make_uow() as uow:
            await uow.customers.add(customer(external_reference="crm-1"))
            await uow.commit()

        async with make_uow() as uow:
            with pytest.raises(DuplicateCustomerError):
                await uow.customers.add(customer(external_reference="crm-1"))

    async def test_refuses_an_update_that_takes_another_customers_phone(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        first, second = customer(), customer()
        async with make_uow() as uow:
            await uow.customers.add(first)
            await uow.customers.add(second)
            await uow.commit()
        second.phone = first.phone

        async with make_uow() as uow:
            with pytest.raises(DuplicateCustomerError):
                await uow.customers.update(second)

    async def test_keeps_every_updated_field(self, make_uow: UnitOfWorkFactory) -> None:
        added = customer()
        async with make_uow() as uow:
            await uow.customers.add(added)
            await uow.commit()
        added.first_name, added.email = "Wanjiru", "w@example.com"
        added.external_reference, added.updated_at = "crm-9", T0 + timedelta(days=1)

        async with make_uow() as uow:
            await uow.customers.update(added)
            await uow.commit()

        async with make_uow() as uow:
            assert await uow.customers.get(added.id) == added

    async def test_removes_a_customer(self, make_uow: UnitOfWorkFactory) -> None:
        added = customer()
        async with make_uow() as uow:
            await uow.customers.add(added)
            await uow.commit()

        async with make_uow() as uow:
            await uow.customers.remove(added.id)
            await uow.commit()

        async with make_uow() as uow:
            assert await uow.customers.get(added.id) is None

    async def test_lists_customers_a_window_at_a_time_in_id_order(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        added = [customer() for _ in range(5)]
        async with make_uow() as uow:
            for one in reversed(added):
                await uow.customers.add(one)
            await uow.commit()

        async with make_uow() as uow:
            first = await uow.customers.list(CustomerFilter(), Window(limit=2))
            rest = await uow.customers.list(CustomerFilter(), Window(after=first[-1].id, limit=9))

        assert ids_of(first) + ids_of(rest) == sorted(ids_of(added))
        assert len(first) == 2

    async def test_filters_customers_by_phone(self, make_uow: UnitOfWorkFactory) -> None:
        wanted, other = customer(), customer()
        async with make_uow() as uow:
            await uow.customers.add(wanted)
            await uow.customers.add(other)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.customers.list(CustomerFilter(phone=wanted.phone.e164), Window())

        assert found == [wanted]

    @pytest.mark.parametrize(
        ("prefix", "expected"),
        [
            pytest.param("ami", ["Amina Otieno"], id="first-name"),
            pytest.param("OTI", ["Amina Otieno"], id="last-name-any-case"),
            pytest.param("élo", ["Élodie Ngugi"], id="accented"),
            pytest.param("50%", ["50%off Deals"], id="wildcard-taken-literally"),
            pytest.param("n", ["Élodie Ngugi"], id="prefix-not-substring"),
        ],
    )
    async def test_filters_customers_by_a_name_prefix_ignoring_case(
        self, make_uow: UnitOfWorkFactory, prefix: str, expected: list[str]
    ) -> None:
        names = [("Amina", "Otieno"), ("ÉLODIE", "Ngugi"), ("50%off", "Deals"), ("Tina", "Xn_")]
        async with make_uow() as uow:
            for first, last in names:
                await uow.customers.add(customer(first_name=first, last_name=last))
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.customers.list(CustomerFilter(name_prefix=prefix), Window())

        assert [c.full_name.title() for c in found] == [name.title() for name in expected]
