"""Creates, updates and deletes through the use cases leave the store equal to a plain dict."""

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar
from uuid import UUID

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from application.customers.list_customers import ListCustomersQuery
from application.customers.update_customer import UpdateCustomerCommand
from domain.errors import DuplicateCustomerError
from entrypoints.container import build_container
from entrypoints.settings import Settings
from tests.factories import customer_command
from tests.strategies import names

T = TypeVar("T")
phones = st.integers(min_value=0, max_value=30).map(lambda n: f"+254712{n:06d}")


class CustomerStoreMachine(RuleBasedStateMachine):
    customers = Bundle("customers")

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.container = build_container(Settings(database_url="memory://"))
        self.model: dict[UUID, tuple[str, str]] = {}

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    def phone_taken(self, phone: str, by_other_than: UUID | None = None) -> bool:
        return any(p == phone and i != by_other_than for i, (_, p) in self.model.items())

    @rule(target=customers, name=names, phone=phones)
    def create(self, name: str, phone: str) -> UUID | None:
        command = customer_command(first_name=name, phone=phone)
        if self.phone_taken(phone):
            try:
                self.run(self.container.create_customer()(command))
            except DuplicateCustomerError:
                return None
            raise AssertionError("duplicate phone accepted")
        customer = self.run(self.container.create_customer()(command))
        self.model[customer.id] = (name, phone)
        return customer.id

    @rule(customer_id=customers, name=names)
    def rename(self, customer_id: UUID | None, name: str) -> None:
        if customer_id is None or customer_id not in self.model:
            return
        self.run(
            self.container.update_customer()(
                UpdateCustomerCommand(customer_id=customer_id, first_name=name)
            )
        )
        self.model[customer_id] = (name, self.model[customer_id][1])

    @rule(customer_id=customers)
    def delete(self, customer_id: UUID | None) -> None:
        if customer_id is None or customer_id not in self.model:
            return
        self.run(self.container.delete_customer()(customer_id))
        del self.model[customer_id]

    @invariant()
    def store_matches_model(self) -> None:
        page = self.run(self.container.list_customers()(ListCustomersQuery(limit=500)))
        stored = {c.id: (c.first_name, c.phone.e164) for c in page.results}
        assert stored == self.model

    def teardown(self) -> None:
        self.loop.close()


TestCustomerStoreMachine = CustomerStoreMachine.TestCase
