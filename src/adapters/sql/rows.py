"""Domain objects to column values and back; the only place that knows both shapes."""

from typing import Any

from sqlalchemy import Row

from domain.customers import Customer
from domain.idempotency import IdempotencyRecord
from domain.items import Item, Size
from domain.money import Money
from domain.notifications import Notification, NotificationState
from domain.orders import Order, OrderStatus
from domain.phone import PhoneNumber

Values = dict[str, Any]


def customer_values(customer: Customer) -> Values:
    return {
        "id": customer.id,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "first_name_key": customer.first_name.casefold(),
        "last_name_key": customer.last_name.casefold(),
        "phone": customer.phone.e164,
        "email": customer.email,
        "external_reference": customer.external_reference,
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
    }


def customer_from(row: Row[Any]) -> Customer:
    return Customer(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        phone=PhoneNumber(row.phone),
        email=row.email,
        external_reference=row.external_reference,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def item_values(item: Item) -> Values:
    return {
        "id": item.id,
        "name": item.name,
        "size": None if item.size is None else item.size.value,
        "unit_price": item.unit_price.amount,
        "currency": item.unit_price.currency,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def item_from(row: Row[Any]) -> Item:
    return Item(
        id=row.id,
        name=row.name,
        size=None if row.size is None else Size(row.size),
        unit_price=Money(row.unit_price, row.currency),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def order_values(order: Order) -> Values:
    return {
        "id": order.id,
        "number": order.number,
        "customer_id": order.customer_id,
        "item_id": order.item_id,
        "quantity": order.quantity,
        "unit_price": order.unit_price.amount,
        "total": order.total.amount,
        "currency": order.total.currency,
        "status": order.status.value,
        "placed_at": order.placed_at,
        "updated_at": order.updated_at,
    }


def order_from(row: Row[Any]) -> Order:
    return Order(
        id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        item_id=row.item_id,
        quantity=row.quantity,
        unit_price=Money(row.unit_price, row.currency),
        total=Money(row.total, row.currency),
        status=OrderStatus(row.status),
        placed_at=row.placed_at,
        updated_at=row.updated_at,
    )


def notification_values(notification: Notification) -> Values:
    return {
        "id": notification.id,
        "order_id": notification.order_id,
        "recipient": notification.recipient.e164,
        "body": notification.body,
        "state": notification.state.value,
        "attempts": notification.attempts,
        "next_attempt_at": notification.next_attempt_at,
        "claimed_until": notification.claimed_until,
        "last_error": notification.last_error,
        "provider_message_id": notification.provider_message_id,
        "cost": notification.cost,
        "created_at": notification.created_at,
        "updated_at": notification.updated_at,
        "sent_at": notification.sent_at,
        "delivered_at": notification.delivered_at,
    }


def notification_from(row: Row[Any]) -> Notification:
    return Notification(
        id=row.id,
        order_id=row.order_id,
        recipient=PhoneNumber(row.recipient),
        body=row.body,
        state=NotificationState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        claimed_until=row.claimed_until,
        last_error=row.last_error,
        provider_message_id=row.provider_message_id,
        cost=row.cost,
        created_at=row.created_at,
        updated_at=row.updated_at,
        sent_at=row.sent_at,
        delivered_at=row.delivered_at,
    )


def idempotency_values(record: IdempotencyRecord) -> Values:
    return {
        "scope": record.scope,
        "key": record.key,
        "fingerprint": record.fingerprint,
        "resource_id": record.resource_id,
        "created_at": record.created_at,
        "expires_at": record.expires_at,
    }


def idempotency_from(row: Row[Any]) -> IdempotencyRecord:
    return IdempotencyRecord(
        scope=row.scope,
        key=row.key,
        fingerprint=row.fingerprint,
        resource_id=row.resource_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
    )
