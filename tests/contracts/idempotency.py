from datetime import timedelta

import pytest

from domain.errors import IdempotencyKeyInUseError
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import make_record
from tests.factories import T0

DAY = timedelta(hours=24)


class IdempotencyRepositoryContract:
    async def test_returns_a_record_until_it_expires(self, make_uow: UnitOfWorkFactory) -> None:
        record = make_record()
        async with make_uow() as uow:
            await uow.idempotency.add(record)
            await uow.commit()

        async with make_uow() as uow:
            before = await uow.idempotency.get(record.scope, record.key, T0 + DAY / 2)
            at_expiry = await uow.idempotency.get(record.scope, record.key, T0 + DAY)

        assert (before, at_expiry) == (record, None)

    async def test_keeps_keys_of_different_scopes_apart(self, make_uow: UnitOfWorkFactory) -> None:
        alice, bob = (
            make_record(scope="orders.create:alice"),
            make_record(scope="orders.create:bob"),
        )
        async with make_uow() as uow:
            await uow.idempotency.add(alice)
            await uow.idempotency.add(bob)
            await uow.commit()

        async with make_uow() as uow:
            found = await uow.idempotency.get("orders.create:bob", bob.key, T0)

        assert found == bob

    async def test_refuses_a_key_that_is_already_recorded(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        async with make_uow() as uow:
            await uow.idempotency.add(make_record())
            await uow.commit()

        async with make_uow() as uow:
            with pytest.raises(IdempotencyKeyInUseError):
                await uow.idempotency.add(make_record(created_at=T0 + DAY / 2))

    async def test_reuses_a_key_whose_record_expired(self, make_uow: UnitOfWorkFactory) -> None:
        async with make_uow() as uow:
            await uow.idempotency.add(make_record())
            await uow.commit()
        renewed = make_record(created_at=T0 + DAY, expires_at=T0 + 2 * DAY, fingerprint="e" * 64)

        async with make_uow() as uow:
            await uow.idempotency.add(renewed)
            await uow.commit()

        async with make_uow() as uow:
            assert await uow.idempotency.get(renewed.scope, renewed.key, T0 + DAY) == renewed
