"""The core use cases, wired by the container, on SQLite and on PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.clock.clocks import FixedClock
from adapters.memory.sms import RecordingSmsSender
from adapters.sql.migrate import upgrade_database
from application.customers.list_customers import ListCustomersQuery
from application.idempotency import IdempotencyKey
from application.orders.create_order import CreateOrderCommand
from application.orders.list_orders import ListOrdersQuery
from domain.errors import CustomerHasOrdersError, DuplicateCustomerError
from domain.notifications import NotificationState
from domain.orders import OrderStatus
from entrypoints.container import Container, build_container
from entrypoints.settings import Settings
from tests.factories import T0, customer_command, item_command
from tests.integration.adapters.conftest import ENGINES


@pytest.fixture(params=ENGINES)
async def container(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Container]:
    """A container on a freshly migrated database, its clock fixed and its SMS recorded."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'purchase.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    await upgrade_database(url)
    built = build_container(Settings(database_url=url, sms_backend="recording"))
    with built.clock.override(FixedClock(T0)), built.sms_sender.override(RecordingSmsSender()):
        yield built
    await built.database().dispose()


async def _order_command(
    container: Container, idempotency: IdempotencyKey | None = None
) -> CreateOrderCommand:
    customer = await container.create_customer()(customer_command(first_name="Amina"))
    item = await container.create_item()(item_command(unit_price="1500.00"))
    return CreateOrderCommand(
        customer_id=customer.id, item_id=item.id, quantity=2, idempotency=idempotency
    )


async def test_places_lists_cancels_and_deletes_an_order(container: Container) -> None:
    command = await _order_command(container)

    placed = await container.create_order()(command)
    listed = await container.list_orders()(ListOrdersQuery(customer_id=command.customer_id))
    await container.cancel_order()(placed.order.id)
    cancelled = await container.get_order()(placed.order.id)
    await container.delete_order()(placed.order.id)
    after = await container.list_orders()(ListOrdersQuery())

    assert str(placed.order.total.amount) == "3000.00"
    assert [view.order.id for view in listed.results] == [placed.order.id]
    assert listed.results[0].notification is not None
    assert listed.results[0].notification.state is NotificationState.PENDING
    assert cancelled.order.status is OrderStatus.CANCELLED
    assert after.results == []


async def test_sends_the_sms_of_a_placed_order(container: Container) -> None:
    view = await container.create_order()(await _order_command(container))

    report = await container.dispatch_notifications()()

    assert (report.claimed, report.sent) == (1, 1)
    sent = await container.get_order()(view.order.id)
    assert sent.notification is not None
    assert sent.notification.state is NotificationState.SENT


async def test_refuses_to_delete_a_customer_with_orders(container: Container) -> None:
    command = await _order_command(container)
    await container.create_order()(command)

    with pytest.raises(CustomerHasOrdersError):
        await container.delete_customer()(command.customer_id)


async def test_refuses_a_second_customer_with_the_same_phone(container: Container) -> None:
    first = await container.create_customer()(customer_command())

    with pytest.raises(DuplicateCustomerError):
        await container.create_customer()(customer_command(phone=first.phone.e164))


async def test_finds_customers_by_name_prefix_a_page_at_a_time(container: Container) -> None:
    for name in ("Amina", "Amani", "Baraka"):
        await container.create_customer()(customer_command(first_name=name))

    first = await container.list_customers()(ListCustomersQuery(name_prefix="am", limit=1))
    rest = await container.list_customers()(
        ListCustomersQuery(name_prefix="am", cursor=first.next_cursor)
    )

    assert [c.first_name for c in first.results + rest.results] == ["Amina", "Amani"]
    assert rest.next_cursor is None


async def test_two_retries_with_one_idempotency_key_place_one_order(
    container: Container,
) -> None:
    command = await _order_command(container, idempotency=IdempotencyKey(key="till-7"))

    first, second = await asyncio.gather(
        container.create_order()(command), container.create_order()(command)
    )

    assert first.order.id == second.order.id
    listed = await container.list_orders()(ListOrdersQuery())
    assert len(listed.results) == 1
