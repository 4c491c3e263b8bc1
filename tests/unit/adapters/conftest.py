import pytest

from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from domain.ports import UnitOfWork, UnitOfWorkFactory
from tests.contracts.customer_model import Closer, StoreOpener


@pytest.fixture
def make_uow() -> UnitOfWorkFactory:
    """Units of work over one fresh in-memory store."""
    store = InMemoryStore()

    def make() -> UnitOfWork:
        return InMemoryUnitOfWork(store)

    return make


@pytest.fixture
def open_store() -> StoreOpener:
    async def open_memory() -> tuple[UnitOfWorkFactory, Closer]:
        store = InMemoryStore()

        async def close() -> None:
            store.rollback()

        return (lambda: InMemoryUnitOfWork(store)), close

    return open_memory
