"""The port contracts, held by the in-memory adapters."""

from tests.contracts.customer_model import CustomerModelContract
from tests.contracts.customers import CustomerRepositoryContract
from tests.contracts.idempotency import IdempotencyRepositoryContract
from tests.contracts.items import ItemRepositoryContract
from tests.contracts.notifications import NotificationRepositoryContract
from tests.contracts.orders import OrderRepositoryContract
from tests.contracts.unit_of_work import UnitOfWorkContract


class TestInMemoryCustomerRepository(CustomerRepositoryContract):
    pass


class TestInMemoryItemRepository(ItemRepositoryContract):
    pass


class TestInMemoryOrderRepository(OrderRepositoryContract):
    pass


class TestInMemoryNotificationRepository(NotificationRepositoryContract):
    pass


class TestInMemoryIdempotencyRepository(IdempotencyRepositoryContract):
    pass


class TestInMemoryUnitOfWork(UnitOfWorkContract):
    pass


class TestInMemoryCustomerModel(CustomerModelContract):
    pass
