from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import OrderAlreadyCancelledError, ValidationError
from domain.events import OrderPlaced
from domain.money import Money
from domain.orders import Order, OrderStatus
from tests.factories import T0, make_customer, make_item


def place(quantity: int = 2) -> Order:
    return Order.place(
        order_id=uuid4(),
        number=7,
        customer=make_customer(),
        item=make_item(unit_price=Money(Decimal("250.50"))),
        quantity=quantity,
        now=T0,
    )


def test_captures_unit_price_and_total_when_order_is_placed() -> None:
    order = place(quantity=3)

    assert order.unit_price == Money(Decimal("250.50"))
    assert order.total == Money(Decimal("751.50"))
    assert order.status is OrderStatus.PLACED


def test_placing_an_order_records_that_it_was_placed() -> None:
    order = place()

    assert order.events == [
        OrderPlaced(order_id=order.id, order_number=7, customer_id=order.customer_id, placed_at=T0)
    ]


@pytest.mark.parametrize("quantity", [0, -1, 1_000_001])
def test_refuses_quantities_that_are_not_positive_and_sensible(quantity: int) -> None:
    with pytest.raises(ValidationError) as raised:
        place(quantity=quantity)

    assert raised.value.field_errors[0].field == "quantity"


def test_changing_quantity_keeps_the_captured_price() -> None:
    order = place(quantity=1)

    order.change_quantity(4, T0 + timedelta(hours=1))

    assert order.total == Money(Decimal("1002.00"))
    assert order.updated_at == T0 + timedelta(hours=1)


def test_refuses_to_cancel_an_order_twice() -> None:
    order = place()
    order.cancel(T0)

    with pytest.raises(OrderAlreadyCancelledError):
        order.cancel(T0)


def test_refuses_to_change_a_cancelled_order() -> None:
    order = place()
    order.cancel(T0)

    with pytest.raises(OrderAlreadyCancelledError):
        order.change_quantity(5, T0)
