"""In-memory repositories with the same contract as the SQL ones."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import islice
from uuid import UUID

from adapters.memory.store import InMemoryStore
from domain.customers import Customer
from domain.errors import DuplicateCustomerError, IdempotencyKeyInUseError
from domain.idempotency import IdempotencyRecord
from domain.items import Item
from domain.notifications import Notification, NotificationState
from domain.orders import Order
from domain.pagination import CustomerFilter, OrderFilter, Window
from domain.phone import PhoneNumber


def _after(window: Window, record_id: UUID) -> bool:
    return window.after is None or record_id > window.after


class InMemoryCustomerRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._table = store.customers

    async def add(self, customer: Customer) -> None:
        self._check_unique(customer)
        self._table.put(customer.id, customer)

    async def get(self, customer_id: UUID) -> Customer | None:
        return self._table.get(customer_id)

    async def get_by_phone(self, phone: PhoneNumber) -> Customer | None:
        return next(self._table.find(lambda c: c.phone == phone), None)

    async def get_by_external_reference(self, reference: str) -> Customer | None:
        return next(self._table.find(lambda c: c.external_reference == reference), None)

    async def update(self, customer: Customer) -> None:
        self._check_unique(customer)
        self._table.put(customer.id, customer)

    async def remove(self, customer_id: UUID) -> None:
        self._table.delete(customer_id)

    async def list(self, where: CustomerFilter, window: Window) -> list[Customer]:
        prefix = (where.name_prefix or "").casefold()

        def matches(customer: Customer) -> bool:
            names = (customer.first_name.casefold(), customer.last_name.casefold())
            return (
                _after(window, customer.id)
                and (where.phone is None or customer.phone.e164 == where.phone)
                and any(name.startswith(prefix) for name in names)
            )

        return list(islice(self._table.find(matches), window.limit))

    def _check_unique(self, customer: Customer) -> None:
        for other in self._table.find(lambda c: c.id != customer.id):
            if other.phone == customer.phone:
                raise DuplicateCustomerError("a customer with this phone number already exists")
            reference = customer.external_reference
            if reference is not None and other.external_reference == reference:
                raise DuplicateCustomerError("a customer with this external reference exists")


class InMemoryItemRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._table = store.items

    async def add(self, item: Item) -> None:
        self._table.put(item.id, item)

    async def get(self, item_id: UUID) -> Item | None:
        return self._table.get(item_id)

    async def update(self, item: Item) -> None:
        self._table.put(item.id, item)

    async def remove(self, item_id: UUID) -> None:
        self._table.delete(item_id)

    async def list(self, window: Window) -> list[Item]:
        return list(islice(self._table.find(lambda i: _after(window, i.id)), window.limit))


class InMemoryOrderRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._table = store.orders
        self._notifications = store.notifications

    async def next_number(self) -> int:
        # Numbers are taken outside the transaction, as a database sequence would be.
        self._store.last_order_number += 1
        return self._store.last_order_number

    async def add(self, order: Order) -> None:
        self._table.put(order.id, order)

    async def get(self, order_id: UUID) -> Order | None:
        return self._table.get(order_id)

    async def update(self, order: Order) -> None:
        self._table.put(order.id, order)

    async def remove(self, order_id: UUID) -> None:
        for notification in self._notifications.find(lambda n: n.order_id == order_id):
            self._notifications.delete(notification.id)
        self._table.delete(order_id)

    async def list(self, where: OrderFilter, window: Window) -> list[Order]:
        def matches(order: Order) -> bool:
            return (
                _after(window, order.id)
                and where.customer_id in (None, order.customer_id)
                and (where.placed_from is None or order.placed_at >= where.placed_from)
                and (where.placed_before is None or order.placed_at < where.placed_before)
            )

        return list(islice(self._table.find(matches), window.limit))

    async def exists_for_customer(self, customer_id: UUID) -> bool:
        return next(self._table.find(lambda o: o.customer_id == customer_id), None) is not None

    async def exists_for_item(self, item_id: UUID) -> bool:
        return next(self._table.find(lambda o: o.item_id == item_id), None) is not None


class InMemoryNotificationRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._table = store.notifications

    async def add(self, notification: Notification) -> None:
        self._table.put(notification.id, notification)

    async def get(self, notification_id: UUID) -> Notification | None:
        return self._table.get(notification_id)

    async def get_for_order(self, order_id: UUID) -> Notification | None:
        return next(self._table.find(lambda n: n.order_id == order_id), None)

    async def for_orders(self, order_ids: Sequence[UUID]) -> dict[UUID, Notification]:
        wanted = set(order_ids)
        return {n.order_id: n for n in self._table.find(lambda n: n.order_id in wanted)}

    async def get_by_provider_message_id(self, message_id: str) -> Notification | None:
        return next(self._table.find(lambda n: n.provider_message_id == message_id), None)

    async def update(self, notification: Notification) -> None:
        self._table.put(notification.id, notification)

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[Notification]:
        due = sorted(self._table.find(lambda n: n.is_due(now)), key=lambda n: n.next_attempt_at)
        claimed = due[:limit]
        for notification in claimed:
            notification.claim(now, lease)
            self._table.put(notification.id, notification)
        return claimed

    async def list(self, state: NotificationState | None, window: Window) -> list[Notification]:
        def matches(notification: Notification) -> bool:
            return _after(window, notification.id) and state in (None, notification.state)

        return list(islice(self._table.find(matches), window.limit))


class InMemoryIdempotencyRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._table = store.idempotency

    async def get(self, scope: str, key: str, now: datetime) -> IdempotencyRecord | None:
        record = self._table.get((scope, key))
        return record if record is not None and record.expires_at > now else None

    async def add(self, record: IdempotencyRecord) -> None:
        existing = self._table.get((record.scope, record.key))
        if existing is not None and existing.expires_at > record.created_at:
            raise IdempotencyKeyInUseError("this idempotency key is already in use")
        self._table.put((record.scope, record.key), record)
