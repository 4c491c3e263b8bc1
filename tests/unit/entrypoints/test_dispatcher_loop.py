import asyncio
from collections.abc import Iterator

import pytest

from adapters.clock.clocks import FixedClock
from adapters.memory.sms import GatedSmsSender
from application.notifications.list_notifications import ListNotificationsQuery
from application.orders.create_order import CreateOrderCommand
from domain.notifications import NotificationState
from entrypoints.container import Container, build_container
from entrypoints.settings import Settings
from tests.factories import customer_command, item_command

# Polling this rarely means only the signal can wake the dispatcher within a test.
NEVER = 3600.0


@pytest.fixture
def sleepy_container(clock: FixedClock) -> Iterator[Container]:
    settings = Settings(database_url="memory://", sms_backend="recording", sms_poll_seconds=NEVER)
    built = build_container(settings)
    with built.clock.override(clock):
        yield built


async def place_order(container: Container) -> None:
    customer = await container.create_customer()(customer_command())
    item = await container.create_item()(item_command())
    await container.create_order()(
        CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=1)
    )


async def test_a_committed_order_wakes_the_idle_dispatcher(sleepy_container: Container) -> None:
    sender = GatedSmsSender()
    sender.gate.set()
    with sleepy_container.sms_sender.override(sender):
        dispatcher = sleepy_container.dispatcher()
        dispatcher.start()
        try:
            await place_order(sleepy_container)

            await asyncio.wait_for(sender.entered.wait(), timeout=10)
        finally:
            await dispatcher.stop()

    assert len(sender.recorder.sent) == 1


async def test_stopping_lets_the_send_in_flight_finish(sleepy_container: Container) -> None:
    sender = GatedSmsSender()
    with sleepy_container.sms_sender.override(sender):
        await place_order(sleepy_container)
        dispatcher = sleepy_container.dispatcher()
        dispatcher.start()
        await sender.entered.wait()

        stopping = asyncio.create_task(dispatcher.stop())
        sender.gate.set()
        await stopping

    sent = await sleepy_container.list_notifications()(
        ListNotificationsQuery(state=NotificationState.SENT)
    )
    assert len(sender.recorder.sent) == 1
    assert len(sent.results) == 1
