"""A Hypothesis state machine: customer creates, updates and deletes against a dict model."""

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, TypeVar
from uuid import UUID

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from domain.customers import Customer
from domain.errors import DuplicateCustomerError
from domain.pagination import CustomerFilter, Window
from domain.phone import PhoneNumber
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import customer
from tests.strategies import names

T = TypeVar("T")
Closer = Callable[[], Awaitable[None]]
StoreOpener = Callable[[], Coroutine[Any, Any, tuple[UnitOfWorkFactory, Closer]]]
"""Opens an empty store on the running loop: its units of work and how to close it."""

# Few phones and references, so clashes happen often.
phones = st.integers(min_value=0, max_value=6).map(lambda n: PhoneNumber(f"+254712{n:06d}"))
references = st.none() | st.sampled_from(["crm-1", "crm-2", "crm-3"])


class CustomerModelMachine(RuleBasedStateMachine):
    customers = Bundle("customers")

    def __init__(self, open_store: StoreOpener) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.make_uow, self.close = self.run(open_store())
        self.model: dict[UUID, Customer] = {}

    def run(self, work: Awaitable[T]) -> T:
        return self.loop.run_until_complete(work)

    def clashes(self, candidate: Customer) -> bool:
        reference = candidate.external_reference
        return any(
            other.id != candidate.id
            and (
                other.phone == candidate.phone
                or (reference and other.external_reference == reference)
            )
            for other in self.model.values()
        )

    async def store(self, candidate: Customer, *, new: bool) -> None:
        async with self.make_uow() as uow:
            if new:
                await uow.customers.add(candidate)
            else:
                await uow.customers.update(candidate)
            await uow.commit()

    def save(self, candidate: Customer, *, new: bool) -> bool:
        """Store the candidate; whether the store took it must match the model's verdict."""
        expected_clash = self.clashes(candidate)
        try:
            self.run(self.store(candidate, new=new))
        except DuplicateCustomerError:
            assert expected_clash, "the store refused a customer the model accepts"
            return False
        assert not expected_clash, "the store took a duplicate phone or reference"
        self.model[candidate.id] = candidate
        return True

    @rule(target=customers, first_name=names, phone=phones, reference=references)
    def create(self, first_name: str, phone: PhoneNumber, reference: str | None) -> UUID:
        created = customer(first_name=first_name, phone=phone, external_reference=reference)
        self.save(created, new=True)
        return created.id

    @rule(customer_id=customers, last_name=names, phone=phones, reference=references)
    def update(
        self, customer_id: UUID, last_name: str, phone: PhoneNumber, reference: str | None
    ) -> None:
        current = self.model.get(customer_id)
        if current is not None:
            changed = replace(current, last_name=last_name, phone=phone)
            self.save(replace(changed, external_reference=reference), new=False)

    @rule(customer_id=customers)
    def delete(self, customer_id: UUID) -> None:
        async def remove() -> None:
            async with self.make_uow() as uow:
                await uow.customers.remove(customer_id)
                await uow.commit()

        self.run(remove())
        self.model.pop(customer_id, None)

    @invariant()
    def store_matches_model_page_by_page(self) -> None:
        async def every_page() -> list[Customer]:
            stored: list[Customer] = []
            async with self.make_uow() as uow:
                while page := await uow.customers.list(
                    CustomerFilter(), Window(after=stored[-1].id if stored else None, limit=3)
                ):
                    stored += page
            return stored

        assert self.run(every_page()) == [self.model[key] for key in sorted(self.model)]

    def teardown(self) -> None:
        self.run(self.close())
        self.loop.close()


class CustomerModelContract:
    """Bind with an ``open_store`` fixture returning a ``StoreOpener``."""

    examples = 25

    def test_store_agrees_with_a_dict_through_creates_updates_and_deletes(
        self, open_store: StoreOpener
    ) -> None:
        class OnThisStore(CustomerModelMachine):
            def __init__(self) -> None:
                super().__init__(open_store)

        run_state_machine_as_test(
            OnThisStore,
            settings=settings(max_examples=self.examples, stateful_step_count=15, deadline=None),
        )
