from types import TracebackType
from typing import Self

from adapters.memory.repositories import (
    InMemoryCustomerRepository,
    InMemoryIdempotencyRepository,
    InMemoryItemRepository,
    InMemoryNotificationRepository,
    InMemoryOrderRepository,
)
from adapters.memory.store import InMemoryStore


class InMemoryUnitOfWork:
    """A real transaction over an ``InMemoryStore``: serialised, rolled back unless committed."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.customers = InMemoryCustomerRepository(store)
        self.items = InMemoryItemRepository(store)
        self.orders = InMemoryOrderRepository(store)
        self.notifications = InMemoryNotificationRepository(store)
        self.idempotency = InMemoryIdempotencyRepository(store)

    async def __aenter__(self) -> Self:
        await self._store.lock.acquire()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self._store.rollback()
        finally:
            self._store.lock.release()

    async def commit(self) -> None:
        self._store.commit()

    async def rollback(self) -> None:
        self._store.rollback()
