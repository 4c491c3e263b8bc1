from collections.abc import Awaitable, Callable
from functools import partial

import pytest

from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from tests.contracts.customer_model import Closer


@pytest.fixture
def make_uow() -> Callable[..., InMemoryUnitOfWork]:
    """Units of work over one fresh in-memory store."""
    store = InMemoryStore()

    def make(*, read_only: bool = False) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(store, read_only=read_only)

    return make


@pytest.fixture
def open_store() -> Callable[[], Awaitable[tuple[Callable[..., InMemoryUnitOfWork], Closer]]]:
    async def open_memory() -> tuple[Callable[..., InMemoryUnitOfWork], Closer]:
        store = InMemoryStore()

        async def close() -> None:
            store.rollback()

        return partial(InMemoryUnitOfWork, store), close

    return open_memory
