"""Ports: what the use cases need from the outside world, as protocols.

Repositories are only reachable through a ``UnitOfWork``; nothing they stage is visible
to others until ``commit``. Repositories raise ``ConflictError`` subclasses for broken
uniqueness and never leak a driver's exception.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from domain.customers import Customer
from domain.idempotency import IdempotencyRecord
from domain.identity import Principal
from domain.items import Item
from domain.notifications import Notification, NotificationState
from domain.orders import Order
from domain.pagination import CustomerFilter, OrderFilter, Window
from domain.phone import PhoneNumber
from domain.sms import SendResult, SmsMessage


class CustomerRepository(Protocol):
    async def add(self, customer: Customer) -> None:
        """Stage a new customer; ``DuplicateCustomerError`` if its phone or reference is taken."""

    async def get(self, customer_id: UUID) -> Customer | None: ...

    async def get_by_phone(self, phone: PhoneNumber) -> Customer | None: ...

    async def get_by_external_reference(self, reference: str) -> Customer | None: ...

    async def update(self, customer: Customer) -> None:
        """Stage the customer's new state; ``DuplicateCustomerError`` as for ``add``."""

    async def remove(self, customer_id: UUID) -> None: ...

    async def list(self, where: CustomerFilter, window: Window) -> list[Customer]:
        """Customers matching ``where`` with id after ``window.after``, ascending id."""


class ItemRepository(Protocol):
    async def add(self, item: Item) -> None: ...

    async def get(self, item_id: UUID) -> Item | None: ...

    async def update(self, item: Item) -> None: ...

    async def remove(self, item_id: UUID) -> None: ...

    async def list(self, window: Window) -> list[Item]:
        """Items with id after ``window.after``, ascending id."""


class OrderRepository(Protocol):
    async def next_number(self) -> int:
        """A number greater than that of any order placed before it (gaps allowed)."""

    async def add(self, order: Order) -> None: ...

    async def get(self, order_id: UUID) -> Order | None: ...

    async def update(self, order: Order) -> None: ...

    async def remove(self, order_id: UUID) -> None:
        """Remove the order and its notification."""

    async def list(self, where: OrderFilter, window: Window) -> list[Order]:
        """Orders matching ``where`` with id after ``window.after``, ascending id."""

    async def exists_for_customer(self, customer_id: UUID) -> bool: ...

    async def exists_for_item(self, item_id: UUID) -> bool: ...


class NotificationRepository(Protocol):
    async def add(self, notification: Notification) -> None: ...

    async def get(self, notification_id: UUID) -> Notification | None: ...

    async def get_for_order(self, order_id: UUID) -> Notification | None: ...

    async def for_orders(self, order_ids: Sequence[UUID]) -> dict[UUID, Notification]:
        """The notifications of the given orders, keyed by order id."""

    async def get_by_provider_message_id(self, message_id: str) -> Notification | None: ...

    async def update(self, notification: Notification) -> None: ...

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[Notification]:
        """Claim up to ``limit`` due notifications for one send attempt each.

        Two claimers, in this process or another, never receive the same notification
        while its lease runs. Claimed notifications come back with ``attempts`` raised.
        """

    async def list(self, state: NotificationState | None, window: Window) -> list[Notification]:
        """Notifications in ``state`` (any when ``None``) with id after ``window.after``."""


class IdempotencyRepository(Protocol):
    async def get(self, scope: str, key: str, now: datetime) -> IdempotencyRecord | None:
        """The unexpired record for ``key`` in ``scope``."""

    async def add(self, record: IdempotencyRecord) -> None:
        """Stage a record; ``IdempotencyKeyInUseError`` if the key is already recorded."""


class UnitOfWork(Protocol):
    """One atomic transaction over every repository.

    Leaving the ``async with`` block without ``commit`` rolls back everything staged.
    A read-only unit of work sees a consistent view of what was committed and never
    commits: its ``commit`` raises ``ReadOnlyUnitOfWorkError``.
    """

    customers: CustomerRepository
    items: ItemRepository
    orders: OrderRepository
    notifications: NotificationRepository
    idempotency: IdempotencyRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Opens units of work; ``read_only=True`` for use cases that only read.

    A read-only unit of work may run beside writers (on SQLite it skips the write lock).
    """

    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...


class SmsSender(Protocol):
    async def send(self, message: SmsMessage) -> SendResult:
        """Hand one message to the gateway and classify its answer; gateway faults never raise."""


class TokenVerifier(Protocol):
    async def verify(self, token: str) -> Principal:
        """The principal a bearer token speaks for; ``InvalidTokenError`` if untrusted."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""


class IdSource(Protocol):
    def new_id(self) -> UUID:
        """A fresh id; ids from one source increase over time (UUIDv7)."""


class NotificationSignal(Protocol):
    """Wakes the dispatcher when new notifications were committed (a hint, never required)."""

    def notify(self) -> None: ...
