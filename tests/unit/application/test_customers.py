from uuid import uuid4

import pytest

from adapters.clock.clocks import FixedClock
from application.customers.list_customers import ListCustomersQuery
from application.customers.update_customer import UpdateCustomerCommand
from application.orders.create_order import CreateOrderCommand
from domain.errors import (
    CustomerHasOrdersError,
    CustomerNotFoundError,
    DuplicateCustomerError,
    ValidationError,
)
from entrypoints.container import Container
from tests.factories import customer_command, item_command


async def test_stores_the_phone_number_in_e164(container: Container) -> None:
    create = container.create_customer()

    customer = await create(customer_command(phone="0712 000111"))

    stored = await container.get_customer()(customer.id)
    assert stored.phone.e164 == "+254712000111"


async def test_refuses_an_invalid_phone_number(container: Container) -> None:
    with pytest.raises(ValidationError) as raised:
        await container.create_customer()(customer_command(phone="12345"))

    assert raised.value.field_errors[0].field == "phone"


async def test_refuses_a_second_customer_with_the_same_phone(container: Container) -> None:
    create = container.create_customer()
    await create(customer_command(phone="+254712000222"))

    with pytest.raises(DuplicateCustomerError):
        await create(customer_command(phone="0712000222", first_name="Baraka"))

    page = await container.list_customers()(ListCustomersQuery())
    assert len(page.results) == 1


async def test_updates_only_the_fields_given(container: Container, clock: FixedClock) -> None:
    customer = await container.create_customer()(customer_command(first_name="Amina"))

    updated = await container.update_customer()(
        UpdateCustomerCommand(customer_id=customer.id, last_name="Wanjiru")
    )

    assert (updated.first_name, updated.last_name) == ("Amina", "Wanjiru")
    stored = await container.get_customer()(customer.id)
    assert stored.last_name == "Wanjiru"


async def test_refuses_to_take_another_customers_phone(container: Container) -> None:
    create = container.create_customer()
    first = await create(customer_command(phone="+254712000333"))
    second = await create(customer_command())

    with pytest.raises(DuplicateCustomerError):
        await container.update_customer()(
            UpdateCustomerCommand(customer_id=second.id, phone=first.phone.e164)
        )


async def test_refuses_to_delete_customer_with_orders(container: Container) -> None:
    customer = await container.create_customer()(customer_command())
    item = await container.create_item()(item_command())
    await container.create_order()(
        CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=1)
    )

    with pytest.raises(CustomerHasOrdersError):
        await container.delete_customer()(customer.id)

    assert (await container.get_customer()(customer.id)).id == customer.id


async def test_deletes_a_customer_without_orders(container: Container) -> None:
    customer = await container.create_customer()(customer_command())

    await container.delete_customer()(customer.id)

    with pytest.raises(CustomerNotFoundError):
        await container.get_customer()(customer.id)


async def test_reports_an_unknown_customer_as_not_found(container: Container) -> None:
    with pytest.raises(CustomerNotFoundError):
        await container.get_customer()(uuid4())


async def test_filters_customers_by_name_prefix_ignoring_case(container: Container) -> None:
    create = container.create_customer()
    await create(customer_command(first_name="Wanjiku", last_name="Kamau"))
    await create(customer_command(first_name="Otieno", last_name="Ochieng"))
    await create(customer_command(first_name="Achieng", last_name="Wafula"))

    page = await container.list_customers()(ListCustomersQuery(name_prefix="wa"))

    assert sorted(c.first_name for c in page.results) == ["Achieng", "Wanjiku"]


async def test_filters_customers_by_phone_in_any_form(container: Container) -> None:
    create = container.create_customer()
    wanted = await create(customer_command(phone="+254712000444"))
    await create(customer_command())

    page = await container.list_customers()(ListCustomersQuery(phone="0712 000 444"))

    assert [c.id for c in page.results] == [wanted.id]


async def test_refuses_a_name_prefix_with_a_nul_character(container: Container) -> None:
    with pytest.raises(ValidationError) as raised:
        await container.list_customers()(ListCustomersQuery(name_prefix="Wa\x00"))

    assert raised.value.field_errors[0].field == "name_prefix"
