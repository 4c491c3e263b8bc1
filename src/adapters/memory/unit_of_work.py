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
from domain.errors import ReadOnlyUnitOfWorkError


class InMemoryUnitOfWork:
    """A real transaction over an ``InMemoryStore``: serialised, rolled back unless committed.

    Read-only ones take their turn too (the store has one staging area), and never commit.
    """

    def __init__(self, store: InMemoryStore, *, read_only: bool = False) -> None:
        self._store = store
        self._read_only = read_only
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
        if self._read_only:
            raise ReadOnlyUnitOfWorkError("a read-only unit of work cannot commit")
        self._store.commit()

    async def rollback(self) -> None:
        self._store.rollback()
