from collections.abc import Awaitable, Callable

import pytest

from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from tests.contracts.customer_model import Closer


@pytest.fixture
def make_uow() -> Callable[[], InMemoryUnitOfWork]:
    """Units of work over one fresh in-memory store."""
    store = InMemoryStore()

    def make() -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(store)

    return make


@pytest.fixture
def open_store() -> Callable[[], Awaitable[tuple[Callable[[], InMemoryUnitOfWork], Closer]]]:
    async def open_memory() -> tuple[Callable[[], InMemoryUnitOfWork], Closer]:
        store = InMemoryStore()

        async def close() -> None:
            store.rollback()

        return (lambda: InMemoryUnitOfWork(store)), close

    return open_memory
