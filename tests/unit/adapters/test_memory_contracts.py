"""The port contracts, held by the in-memory adapters."""

from tests.contracts.customers import CustomerRepositoryContract


class TestInMemoryCustomerRepository(CustomerRepositoryContract):
    pass
