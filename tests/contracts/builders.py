"""Builders and seeding helpers the contract suites share."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from adapters.clock.clocks import Uuid7Source
from domain.customers import Customer
from domain.idempotency import IdempotencyRecord
from domain.items import Item
from domain.money import Money
from domain.notifications import Notification
from domain.orders import Order, OrderStatus
from domain.ports import UnitOfWorkFactory
from tests.factories import T0, make_customer, make_item

ids = Uuid7Source()


def make_order(customer: Customer, item: Item, **overrides: Any) -> Order:
    quantity = overrides.pop("quantity", 2)
    fields: dict[str, Any] = {
        "id": ids.new_id(),
        "number": 1,
        "customer_id": customer.id,
        "item_id": item.id,
        "quantity": quantity,
        "unit_price": item.unit_price,
        "total": item.unit_price.times(quantity),
        "status": OrderStatus.PLACED,
        "placed_at": T0,
        "updated_at": T0,
    }
    return Order(**(fields | overrides))


def make_notification(order: Order, customer: Customer, **overrides: Any) -> Notification:
    fields: dict[str, Any] = {
        "id": ids.new_id(),
        "order_id": order.id,
        "recipient": customer.phone,
        "body": f"order {order.number} placed",
        "next_attempt_at": T0,
        "created_at": T0,
        "updated_at": T0,
    }
    return Notification(**(fields | overrides))


def make_record(**overrides: Any) -> IdempotencyRecord:
    fields: dict[str, Any] = {
        "scope": "orders.create:alice",
        "key": "key-1",
        "fingerprint": "f" * 64,
        "resource_id": ids.new_id(),
        "created_at": T0,
        "expires_at": T0 + timedelta(hours=24),
    }
    return IdempotencyRecord(**(fields | overrides))


def customer(**overrides: Any) -> Customer:
    return make_customer(**({"id": ids.new_id()} | overrides))


def item(**overrides: Any) -> Item:
    return make_item(**({"id": ids.new_id()} | overrides))


async def seed_parties(make_uow: UnitOfWorkFactory) -> tuple[Customer, Item]:
    """A committed customer and item, for orders to refer to."""
    buyer, product = customer(), item(unit_price=Money(Decimal("250.50")))
    async with make_uow() as uow:
        await uow.customers.add(buyer)
        await uow.items.add(product)
        await uow.commit()
    return buyer, product


async def seed_orders(
    make_uow: UnitOfWorkFactory, buyer: Customer, product: Item, placed: list[datetime]
) -> list[Order]:
    """Committed orders, one per placing time, each with its pending notification."""
    seeded = []
    async with make_uow() as uow:
        for moment in placed:
            number = await uow.orders.next_number()
            order = make_order(buyer, product, number=number, placed_at=moment, updated_at=moment)
            await uow.orders.add(order)
            await uow.notifications.add(make_notification(order, buyer, next_attempt_at=moment))
            seeded.append(order)
        await uow.commit()
    return seeded


def ids_of(records: list[Any]) -> list[UUID]:
    return [record.id for record in records]
