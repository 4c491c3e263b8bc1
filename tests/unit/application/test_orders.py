import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest

from adapters.clock.clocks import FixedClock
from application.idempotency import IdempotencyKey
from application.items.update_item import UpdateItemCommand
from application.orders.create_order import CreateOrderCommand
from application.orders.list_orders import ListOrdersQuery
from application.orders.update_order import UpdateOrderCommand
from domain.errors import (
    ConflictError,
    IdempotencyKeyReusedError,
    ItemHasOrdersError,
    OrderAlreadyCancelledError,
    OrderNotFoundError,
    ValidationError,
)
from domain.notifications import NotificationState
from domain.orders import OrderStatus
from entrypoints.container import Container
from tests.factories import customer_command, item_command


async def order_command(container: Container, **overrides: Any) -> CreateOrderCommand:
    customer = await container.create_customer()(customer_command(first_name="Amina"))
    item = await container.create_item()(item_command(name="Kikoi wrap", unit_price="1500.00"))
    command = CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=2)
    return replace(command, **overrides)


async def test_places_an_order_with_its_sms_pending(container: Container) -> None:
    command = await order_command(container)

    view = await container.create_order()(command)

    assert str(view.order.total.amount) == "3000.00"
    assert view.notification is not None
    assert view.notification.state is NotificationState.PENDING
    assert "2 x Kikoi wrap" in view.notification.body
    assert "KES 3,000.00" in view.notification.body


async def test_keeps_the_captured_price_when_the_item_price_changes(container: Container) -> None:
    command = await order_command(container, quantity=1)
    view = await container.create_order()(command)

    await container.update_item()(UpdateItemCommand(item_id=command.item_id, unit_price="9.99"))

    stored = await container.get_order()(view.order.id)
    assert str(stored.order.unit_price.amount) == "1500.00"
    assert str(stored.order.total.amount) == "1500.00"


async def test_numbers_orders_in_increasing_order(container: Container) -> None:
    command = await order_command(container)
    create = container.create_order()

    numbers = [(await create(command)).order.number for _ in range(3)]

    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 3


@pytest.mark.parametrize("quantity", [0, -3])
async def test_refuses_a_quantity_that_is_not_positive(container: Container, quantity: int) -> None:
    command = await order_command(container, quantity=quantity)

    with pytest.raises(ValidationError) as raised:
        await container.create_order()(command)

    assert raised.value.field_errors[0].field == "quantity"
    assert (await container.list_orders()(ListOrdersQuery())).results == []


@pytest.mark.parametrize("field", ["customer_id", "item_id"])
async def test_refuses_an_order_for_an_unknown_party(container: Container, field: str) -> None:
    command = await order_command(container, **{field: uuid4()})

    with pytest.raises(ValidationError) as raised:
        await container.create_order()(command)

    assert raised.value.field_errors[0].field == field


async def test_notify_false_places_the_order_without_an_sms(container: Container) -> None:
    command = await order_command(container, notify=False)

    view = await container.create_order()(command)

    assert view.notification is None


async def test_retried_order_with_same_key_is_placed_once(container: Container) -> None:
    command = await order_command(container, idempotency=IdempotencyKey(key="k-1", caller="shop"))
    create = container.create_order()

    first = await create(command)
    second = await create(command)

    assert second.order.id == first.order.id
    assert len((await container.list_orders()(ListOrdersQuery())).results) == 1


async def test_concurrent_orders_with_same_key_are_placed_once(container: Container) -> None:
    command = await order_command(container, idempotency=IdempotencyKey(key="k-2"))
    create = container.create_order()

    views = await asyncio.gather(*(create(command) for _ in range(5)))

    assert len({view.order.id for view in views}) == 1
    assert len((await container.list_orders()(ListOrdersQuery())).results) == 1


async def test_refuses_a_key_reused_with_a_different_body(container: Container) -> None:
    command = await order_command(container, idempotency=IdempotencyKey(key="k-3"))
    await container.create_order()(command)

    with pytest.raises(IdempotencyKeyReusedError):
        await container.create_order()(replace(command, quantity=5))


async def test_same_key_from_two_callers_makes_two_orders(container: Container) -> None:
    command = await order_command(container)
    create = container.create_order()

    await create(_with_key(command, "same", "shop-a"))
    await create(_with_key(command, "same", "shop-b"))

    assert len((await container.list_orders()(ListOrdersQuery())).results) == 2


async def test_key_expires_after_a_day(container: Container, clock: FixedClock) -> None:
    command = await order_command(container, idempotency=IdempotencyKey(key="k-4"))
    first = await container.create_order()(command)
    clock.advance(timedelta(hours=25))

    second = await container.create_order()(command)

    assert second.order.id != first.order.id


async def test_cancels_an_order_once(container: Container) -> None:
    view = await container.create_order()(await order_command(container))

    cancelled = await container.cancel_order()(view.order.id)

    assert cancelled.order.status is OrderStatus.CANCELLED
    with pytest.raises(OrderAlreadyCancelledError):
        await container.cancel_order()(view.order.id)


async def test_changing_quantity_recomputes_total_at_captured_price(container: Container) -> None:
    view = await container.create_order()(await order_command(container, quantity=1))

    updated = await container.update_order()(UpdateOrderCommand(order_id=view.order.id, quantity=3))

    assert str(updated.order.total.amount) == "4500.00"


async def test_deletes_only_cancelled_orders(container: Container) -> None:
    view = await container.create_order()(await order_command(container))

    with pytest.raises(ConflictError):
        await container.delete_order()(view.order.id)
    await container.cancel_order()(view.order.id)
    await container.delete_order()(view.order.id)

    with pytest.raises(OrderNotFoundError):
        await container.get_order()(view.order.id)


async def test_refuses_to_delete_an_item_with_orders(container: Container) -> None:
    command = await order_command(container)
    await container.create_order()(command)

    with pytest.raises(ItemHasOrdersError):
        await container.delete_item()(command.item_id)


async def test_filters_orders_by_customer_and_time(container: Container, clock: FixedClock) -> None:
    command = await order_command(container)
    other = await order_command(container)
    create = container.create_order()
    early = await create(command)
    clock.advance(timedelta(days=1))
    late = await create(command)
    await create(other)

    page = await container.list_orders()(
        ListOrdersQuery(customer_id=command.customer_id, placed_from=late.order.placed_at)
    )

    assert [v.order.id for v in page.results] == [late.order.id]
    assert early.order.id not in [v.order.id for v in page.results]


async def test_refuses_an_empty_time_range(container: Container, clock: FixedClock) -> None:
    now = clock.now()

    with pytest.raises(ValidationError):
        await container.list_orders()(ListOrdersQuery(placed_from=now, placed_before=now))


def _with_key(command: CreateOrderCommand, key: str, caller: str) -> CreateOrderCommand:
    return replace(command, idempotency=IdempotencyKey(key=key, caller=caller))
