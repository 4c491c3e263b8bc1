import asyncio
from dataclasses import dataclass, field
from uuid import UUID

from adapters.memory.tables import StagedTable
from domain.customers import Customer
from domain.idempotency import IdempotencyRecord
from domain.items import Item
from domain.notifications import Notification
from domain.orders import Order


@dataclass
class InMemoryStore:
    """Everything the in-memory adapters hold; one per process, or one per test."""

    customers: StagedTable[UUID, Customer] = field(default_factory=StagedTable)
    items: StagedTable[UUID, Item] = field(default_factory=StagedTable)
    orders: StagedTable[UUID, Order] = field(default_factory=StagedTable)
    notifications: StagedTable[UUID, Notification] = field(default_factory=StagedTable)
    idempotency: StagedTable[tuple[str, str], IdempotencyRecord] = field(
        default_factory=StagedTable
    )
    last_order_number: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def commit(self) -> None:
        self.customers.commit()
        self.items.commit()
        self.orders.commit()
        self.notifications.commit()
        self.idempotency.commit()

    def rollback(self) -> None:
        self.customers.rollback()
        self.items.rollback()
        self.orders.rollback()
        self.notifications.rollback()
        self.idempotency.rollback()
