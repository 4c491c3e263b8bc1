import pytest

from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from domain.ports import UnitOfWork, UnitOfWorkFactory


@pytest.fixture
def make_uow() -> UnitOfWorkFactory:
    """Units of work over one fresh in-memory store."""
    store = InMemoryStore()

    def make() -> UnitOfWork:
        return InMemoryUnitOfWork(store)

    return make
