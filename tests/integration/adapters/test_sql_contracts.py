"""The port contracts, held by the SQL adapters on SQLite and on PostgreSQL."""

from tests.contracts.customer_model import CustomerModelContract
from tests.contracts.customers import CustomerRepositoryContract
from tests.contracts.idempotency import IdempotencyRepositoryContract
from tests.contracts.items import ItemRepositoryContract
from tests.contracts.notifications import NotificationRepositoryContract
from tests.contracts.orders import OrderRepositoryContract
from tests.contracts.unit_of_work import UnitOfWorkContract


class TestSqlCustomerRepository(CustomerRepositoryContract):
    pass


class TestSqlItemRepository(ItemRepositoryContract):
    pass


class TestSqlOrderRepository(OrderRepositoryContract):
    pass


class TestSqlNotificationRepository(NotificationRepositoryContract):
    pass


class TestSqlIdempotencyRepository(IdempotencyRepositoryContract):
    pass


class TestSqlUnitOfWork(UnitOfWorkContract):
    pass


class TestSqlCustomerModel(CustomerModelContract):
    pass
