import asyncio
from datetime import timedelta

from domain.notifications import Notification, NotificationState
from domain.pagination import Window
from domain.ports import UnitOfWorkFactory
from tests.contracts.builders import ids_of, seed_orders, seed_parties
from tests.factories import T0

MINUTE = timedelta(minutes=1)
LEASE = timedelta(seconds=30)


async def seeded_notifications(make_uow: UnitOfWorkFactory, count: int) -> list[Notification]:
    """``count`` pending notifications, due a minute apart from T0 on."""
    buyer, product = await seed_parties(make_uow)
    placed = await seed_orders(make_uow, buyer, product, [T0 + n * MINUTE for n in range(count)])
    async with make_uow() as uow:
        found = await uow.notifications.for_orders(ids_of(placed))
    return [found[order.id] for order in placed]


class NotificationRepositoryContract:
    async def test_finds_a_notification_by_id_order_and_provider_message_id(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        [notification] = await seeded_notifications(make_uow, 1)
        notification.mark_sent("ATXid_1", "KES 0.80", T0 + MINUTE)
        async with make_uow() as uow:
            await uow.notifications.update(notification)
            await uow.commit()

        async with make_uow() as uow:
            found = [
                await uow.notifications.get(notification.id),
                await uow.notifications.get_for_order(notification.order_id),
                await uow.notifications.get_by_provider_message_id("ATXid_1"),
            ]
            unknown = await uow.notifications.get_by_provider_message_id("ATXid_2")

        assert found == [notification] * 3
        assert unknown is None

    async def test_returns_nothing_for_no_orders(self, make_uow: UnitOfWorkFactory) -> None:
        await seeded_notifications(make_uow, 1)

        async with make_uow() as uow:
            found = await uow.notifications.for_orders([])

        assert found == {}

    async def test_lists_notifications_in_a_state_in_id_order(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        seeded = await seeded_notifications(make_uow, 4)
        for notification in seeded[1:3]:
            notification.mark_failed("blacklisted", T0)
        async with make_uow() as uow:
            for notification in seeded[1:3]:
                await uow.notifications.update(notification)
            await uow.commit()

        async with make_uow() as uow:
            failed = await uow.notifications.list(NotificationState.FAILED, Window(limit=1))
            more = await uow.notifications.list(
                NotificationState.FAILED, Window(after=failed[0].id)
            )
            every = await uow.notifications.list(None, Window())

        assert ids_of(failed + more) == ids_of(seeded[1:3])
        assert ids_of(every) == ids_of(seeded)

    async def test_claims_due_notifications_earliest_first_for_one_attempt_each(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        seeded = await seeded_notifications(make_uow, 4)
        now = T0 + 2 * MINUTE

        async with make_uow() as uow:
            claimed = await uow.notifications.claim_due(now, LEASE, limit=2)
            await uow.commit()

        assert ids_of(claimed) == ids_of(seeded[:2])
        assert [(n.attempts, n.claimed_until) for n in claimed] == [(1, now + LEASE)] * 2
        async with make_uow() as uow:
            stored = await uow.notifications.get(seeded[0].id)
        assert stored is not None
        assert (stored.attempts, stored.claimed_until) == (1, now + LEASE)

    async def test_claims_nothing_twice_while_the_lease_runs(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        seeded = await seeded_notifications(make_uow, 3)
        async with make_uow() as uow:
            first = await uow.notifications.claim_due(T0 + 5 * MINUTE, LEASE, limit=2)
            await uow.commit()

        async with make_uow() as uow:
            during = await uow.notifications.claim_due(T0 + 5 * MINUTE + LEASE / 2, LEASE, 10)
            await uow.commit()
        async with make_uow() as uow:
            after = await uow.notifications.claim_due(T0 + 5 * MINUTE + LEASE, LEASE, 10)

        assert ids_of(first) == ids_of(seeded[:2])
        assert ids_of(during) == ids_of(seeded[2:])
        assert ids_of(after) == ids_of(seeded[:2])

    async def test_claims_only_pending_notifications_that_are_due(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        seeded = await seeded_notifications(make_uow, 3)
        seeded[0].mark_sent("ATXid_9", None, T0)
        async with make_uow() as uow:
            await uow.notifications.update(seeded[0])
            await uow.commit()

        async with make_uow() as uow:
            claimed = await uow.notifications.claim_due(T0 + MINUTE, LEASE, limit=10)

        assert ids_of(claimed) == [seeded[1].id]

    async def test_two_claimers_at_once_never_share_a_notification(
        self, make_uow: UnitOfWorkFactory
    ) -> None:
        seeded = await seeded_notifications(make_uow, 6)
        now = T0 + 10 * MINUTE

        async def claim() -> list[Notification]:
            async with make_uow() as uow:
                claimed = await uow.notifications.claim_due(now, LEASE, limit=4)
                await uow.commit()
                return claimed

        first, second = await asyncio.gather(claim(), claim())

        assert sorted(ids_of(first) + ids_of(second)) == ids_of(seeded)
