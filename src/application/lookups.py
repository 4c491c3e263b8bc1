"""Fetch-or-raise helpers, so every use case reports a missing record the same way."""

from uuid import UUID

from domain.customers import Customer
from domain.errors import CustomerNotFoundError, ItemNotFoundError, OrderNotFoundError
from domain.items import Item
from domain.orders import Order
from domain.ports import UnitOfWork


async def require_customer(uow: UnitOfWork, customer_id: UUID) -> Customer:
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFoundError(f"no customer with id {customer_id}")
    return customer


async def require_item(uow: UnitOfWork, item_id: UUID) -> Item:
    item = await uow.items.get(item_id)
    if item is None:
        raise ItemNotFoundError(f"no item with id {item_id}")
    return item


async def require_order(uow: UnitOfWork, order_id: UUID) -> Order:
    order = await uow.orders.get(order_id)
    if order is None:
        raise OrderNotFoundError(f"no order with id {order_id}")
    return order
