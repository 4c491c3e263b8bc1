"""The port contracts, held by the SQL adapters on SQLite and on PostgreSQL."""

from tests.contracts.customers import CustomerRepositoryContract


class TestSqlCustomerRepository(CustomerRepositoryContract):
    pass
