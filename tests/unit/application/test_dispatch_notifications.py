import asyncio
import logging
from datetime import timedelta

import pytest

from adapters.clock.clocks import FixedClock
from adapters.memory.sms import GatedSmsSender, RecordingSmsSender
from application.notifications.dispatch_notifications import DispatchNotifications
from application.notifications.list_notifications import ListNotificationsQuery
from application.notifications.record_delivery_report import DeliveryReport
from application.orders.create_order import CreateOrderCommand
from application.orders.views import OrderView
from domain.errors import NotificationNotFoundError, NotificationStateError
from domain.notifications import NotificationState
from domain.ports import SmsSender
from domain.sms import DeliveryStatus, RetryPolicy, SendOutcome, SendResult, SmsMessage
from entrypoints.container import Container
from tests.factories import customer_command, item_command

LEASE = timedelta(minutes=1)
POLICY = RetryPolicy(max_attempts=3)


def dispatcher(container: Container, sender: SmsSender, clock: FixedClock) -> DispatchNotifications:
    return DispatchNotifications(
        unit_of_work=container.unit_of_work,
        sender=sender,
        clock=clock,
        policy=POLICY,
        lease=LEASE,
        batch_size=10,
        chance=lambda: 0.0,
    )


async def place_order(container: Container) -> OrderView:
    customer = await container.create_customer()(customer_command(first_name="Wanjiru"))
    item = await container.create_item()(item_command(name="Sisal basket"))
    return await container.create_order()(
        CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=3)
    )


async def state_of(container: Container, view: OrderView) -> NotificationState:
    current = await container.get_order()(view.order.id)
    assert current.notification is not None
    return current.notification.state


def failing(outcome: SendOutcome, status: str = "") -> SendResult:
    return SendResult(outcome=outcome, provider_status=status or None)


async def test_sends_each_order_sms_once_and_marks_it_sent(
    container: Container, clock: FixedClock
) -> None:
    sender = RecordingSmsSender()
    views = [await place_order(container) for _ in range(2)]
    dispatch = dispatcher(container, sender, clock)

    first = await dispatch()
    second = await dispatch()

    assert (first.sent, second.claimed) == (2, 0)
    assert sorted(m.notification_id for m in sender.sent) == sorted(
        v.notification.id for v in views if v.notification
    )
    assert [await state_of(container, v) for v in views] == [NotificationState.SENT] * 2


async def test_retries_a_transient_failure_after_the_backoff(
    container: Container, clock: FixedClock
) -> None:
    sender = RecordingSmsSender()
    sender.answers.append(failing(SendOutcome.TRANSIENT, "HTTP 503"))
    view = await place_order(container)
    dispatch = dispatcher(container, sender, clock)
    await dispatch()

    too_early = await dispatch()
    clock.advance(timedelta(seconds=2))
    on_time = await dispatch()

    assert (too_early.claimed, on_time.sent) == (0, 1)
    assert len(sender.sent) == 2
    assert await state_of(container, view) is NotificationState.SENT


async def test_fails_after_the_attempt_limit_and_lists_it_for_operators(
    container: Container, clock: FixedClock
) -> None:
    sender = RecordingSmsSender()
    sender.answers.extend([failing(SendOutcome.TRANSIENT)] * POLICY.max_attempts)
    view = await place_order(container)
    dispatch = dispatcher(container, sender, clock)
    for _ in range(POLICY.max_attempts):
        await dispatch()
        clock.advance(timedelta(minutes=1))

    failed = await container.list_notifications()(
        ListNotificationsQuery(state=NotificationState.FAILED)
    )

    assert [n.order_id for n in failed.results] == [view.order.id]
    assert failed.results[0].last_error == "gave up after 3 attempts: transient"


async def test_operator_retry_sends_a_failed_sms_again(
    container: Container, clock: FixedClock
) -> None:
    sender = RecordingSmsSender()
    sender.answers.append(failing(SendOutcome.CONFIGURATION, "402 InvalidSenderId"))
    view = await place_order(container)
    dispatch = dispatcher(container, sender, clock)
    await dispatch()
    assert view.notification is not None

    await container.retry_notification()(view.notification.id)
    report = await dispatch()

    assert report.sent == 1
    assert await state_of(container, view) is NotificationState.SENT


async def test_permanent_failure_is_sent_once_and_failed(
    container: Container, clock: FixedClock
) -> None:
    sender = RecordingSmsSender()
    sender.answers.append(failing(SendOutcome.PERMANENT, "403 InvalidPhoneNumber"))
    view = await place_order(container)
    dispatch = dispatcher(container, sender, clock)

    await dispatch()
    clock.advance(timedelta(days=1))
    await dispatch()

    assert len(sender.sent) == 1
    assert await state_of(container, view) is NotificationState.FAILED


async def test_a_claimed_sms_waits_for_its_lease_before_another_attempt(
    container: Container, clock: FixedClock
) -> None:
    sender = RecordingSmsSender()
    await place_order(container)
    async with container.unit_of_work() as uow:
        await uow.notifications.claim_due(clock.now(), LEASE, 10)
        await uow.commit()
    dispatch = dispatcher(container, sender, clock)

    during_lease = await dispatch()
    clock.advance(LEASE)
    after_lease = await dispatch()

    assert (during_lease.claimed, after_lease.sent) == (0, 1)
    assert len(sender.sent) == 1


async def test_a_cancelled_dispatch_records_the_send_in_flight(
    container: Container, clock: FixedClock
) -> None:
    sender = GatedSmsSender()
    first, second = await place_order(container), await place_order(container)
    task = asyncio.create_task(dispatcher(container, sender, clock)())
    await sender.entered.wait()

    task.cancel()
    sender.gate.set()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert len(sender.recorder.sent) == 1
    states = {await state_of(container, first), await state_of(container, second)}
    assert states == {NotificationState.SENT, NotificationState.PENDING}
    assert (await dispatcher(container, sender, clock)()).claimed == 1


async def test_delivery_report_marks_the_sms_delivered_and_repeats_change_nothing(
    container: Container, clock: FixedClock
) -> None:
    view = await place_order(container)
    await dispatcher(container, RecordingSmsSender(), clock)()
    sent = await container.get_order()(view.order.id)
    assert sent.notification is not None
    report = DeliveryReport(
        provider_message_id=sent.notification.provider_message_id or "",
        status=DeliveryStatus.DELIVERED,
    )

    await container.record_delivery_report()(report)
    again = await container.record_delivery_report()(report)

    assert again.state is NotificationState.DELIVERED
    assert again.delivered_at == clock.now()


async def test_delivery_report_for_an_unknown_message_is_not_found(
    container: Container,
) -> None:
    report = DeliveryReport(provider_message_id="ATXid_nope", status=DeliveryStatus.DELIVERED)

    with pytest.raises(NotificationNotFoundError):
        await container.record_delivery_report()(report)


async def test_retry_refuses_a_notification_that_has_not_failed(
    container: Container, clock: FixedClock
) -> None:
    view = await place_order(container)
    assert view.notification is not None

    with pytest.raises(NotificationStateError):
        await container.retry_notification()(view.notification.id)

    assert await state_of(container, view) is NotificationState.PENDING


async def test_logs_an_error_when_it_gives_up_on_an_sms(
    container: Container, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    sender = RecordingSmsSender()
    sender.answers.extend([failing(SendOutcome.TRANSIENT)] * POLICY.max_attempts)
    await place_order(container)
    dispatch = dispatcher(container, sender, clock)

    with caplog.at_level(logging.INFO):
        for _ in range(POLICY.max_attempts):
            await dispatch()
            clock.advance(timedelta(minutes=1))

    levels = [r.levelno for r in caplog.records if r.msg == "sms_send_attempted"]
    assert levels == [logging.WARNING, logging.WARNING, logging.ERROR]
    assert "+2547" not in caplog.text


class SlowSmsSender(RecordingSmsSender):
    """Each send takes ``duration`` on the test's clock, as a struggling gateway would."""

    def __init__(self, clock: FixedClock, duration: timedelta) -> None:
        super().__init__()
        self._clock = clock
        self._duration = duration

    async def send(self, message: SmsMessage) -> SendResult:
        self._clock.advance(self._duration)
        return await super().send(message)


async def test_a_slow_batch_stops_before_its_lease_runs_out_and_hands_back_the_rest(
    container: Container, clock: FixedClock
) -> None:
    sender = SlowSmsSender(clock, LEASE / 3)
    views = [await place_order(container) for _ in range(3)]
    dispatch = dispatcher(container, sender, clock)

    slow = await dispatch()
    rest = await dispatch()

    assert (slow.claimed, slow.sent, rest.claimed, rest.sent) == (3, 2, 1, 1)
    last = await container.get_order()(views[-1].order.id)
    assert last.notification is not None
    assert last.notification.attempts == 1
