import asyncio
from datetime import timedelta

import pytest

from adapters.clock.clocks import FixedClock
from domain.notifications import NotificationState
from entrypoints.container import Container
from tests.integration.sms.fake_gateway import ACCEPT, Behaviour, FakeGateway
from tests.integration.sms.orders import notification_of, place_orders


async def drain(container: Container) -> None:
    while (await container.dispatch_notifications()()).claimed:
        pass


async def test_orders_placed_during_an_outage_each_get_one_sms_after_recovery(
    container: Container, gateway: FakeGateway, clock: FixedClock
) -> None:
    gateway.set_default(Behaviour(http_status=503))
    views = await place_orders(container, 5)
    for _ in range(3):
        await drain(container)
        clock.advance(timedelta(seconds=30))

    gateway.set_default(ACCEPT)
    await drain(container)

    for view in views:
        notification = await notification_of(container, view)
        assert notification.state is NotificationState.SENT
        assert len(gateway.accepted_to(notification.recipient.e164)) == 1
    assert len(gateway.accepted) == 5
    assert gateway.requests == 5 * 3 + 5


async def test_a_dispatcher_killed_mid_batch_leaves_every_order_one_sms(
    container: Container, gateway: FakeGateway, clock: FixedClock
) -> None:
    views = await place_orders(container, 12)
    killed = asyncio.create_task(container.dispatch_notifications()())
    assert await asyncio.to_thread(gateway.wait_for_accepted, 4)
    killed.cancel()
    with pytest.raises(asyncio.CancelledError):
        await killed

    clock.advance(timedelta(minutes=5))
    await drain(container)

    numbers = [(await notification_of(container, view)).recipient.e164 for view in views]
    assert [len(gateway.accepted_to(number)) for number in numbers] == [1] * 12
    assert len(gateway.accepted) == 12
