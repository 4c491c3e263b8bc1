from datetime import timedelta

import pytest

from adapters.clock.clocks import FixedClock
from domain.notifications import NotificationState
from entrypoints.container import Container, build_container
from tests.integration.sms.conftest import gateway_settings
from tests.integration.sms.fake_gateway import Behaviour, FakeGateway
from tests.integration.sms.orders import notification_of, place_orders


async def test_accepted_sms_reaches_the_customer_once_with_the_gateway_id_and_cost(
    container: Container, gateway: FakeGateway
) -> None:
    (view,) = await place_orders(container, 1)

    await container.dispatch_notifications()()
    await container.dispatch_notifications()()

    notification = await notification_of(container, view)
    (accepted,) = gateway.accepted
    assert accepted.to == notification.recipient.e164
    assert accepted.message == (
        f"Hi Amina, order #{view.order.number} is placed: 2 x Kikoi wrap, "
        "total KES 3,000.00. Thank you!"
    )
    assert accepted.sender_id == "PURCHASE"
    assert notification.state is NotificationState.SENT
    assert (notification.provider_message_id, notification.cost) == (
        accepted.message_id,
        "KES 0.8000",
    )


@pytest.mark.parametrize(
    "behaviour",
    [
        pytest.param(Behaviour(recipient_status=100), id="100-processed"),
        pytest.param(Behaviour(recipient_status=102), id="102-queued"),
    ],
)
async def test_processed_and_queued_count_as_sent(
    container: Container, behaviour: Behaviour, gateway: FakeGateway
) -> None:
    gateway.answer_next(behaviour)
    (view,) = await place_orders(container, 1)

    await container.dispatch_notifications()()

    assert (await notification_of(container, view)).state is NotificationState.SENT


@pytest.mark.parametrize(
    ("behaviour", "error"),
    [
        pytest.param(Behaviour(recipient_status=500), "transient: 500", id="500-internal"),
        pytest.param(Behaviour(recipient_status=501), "transient: 501", id="501-gateway"),
        pytest.param(Behaviour(recipient_status=502), "transient: 502", id="502-rejected"),
        pytest.param(Behaviour(http_status=503), "transient: HTTP 503", id="http-503"),
        pytest.param(Behaviour(garbage=True), "transient: unreadable", id="garbage-body"),
    ],
)
async def test_transient_faults_are_retried_promptly_and_then_sent(
    container: Container, gateway: FakeGateway, clock: FixedClock, behaviour: Behaviour, error: str
) -> None:
    gateway.answer_next(behaviour)
    (view,) = await place_orders(container, 1)
    await container.dispatch_notifications()()
    waiting = await notification_of(container, view)

    clock.set(waiting.next_attempt_at)
    await container.dispatch_notifications()()

    assert waiting.state is NotificationState.PENDING
    assert waiting.last_error is not None
    assert waiting.last_error.startswith(error)
    assert waiting.next_attempt_at - waiting.updated_at <= timedelta(seconds=2)
    assert (await notification_of(container, view)).state is NotificationState.SENT
    assert len(gateway.accepted) == 1


@pytest.mark.parametrize(
    "status",
    [
        pytest.param(405, id="405-insufficient-balance"),
        pytest.param(407, id="407-could-not-route"),
        pytest.param(409, id="409-do-not-disturb"),
    ],
)
async def test_slow_down_answers_wait_long_before_the_next_attempt(
    container: Container, gateway: FakeGateway, status: int
) -> None:
    gateway.answer_next(Behaviour(recipient_status=status))
    (view,) = await place_orders(container, 1)

    await container.dispatch_notifications()()

    notification = await notification_of(container, view)
    assert notification.state is NotificationState.PENDING
    assert notification.next_attempt_at - notification.updated_at >= timedelta(minutes=12)
    assert notification.last_error is not None
    assert notification.last_error.startswith(f"delayed: {status}")


@pytest.mark.parametrize(
    ("status", "error"),
    [
        pytest.param(403, "permanent: 403 InvalidPhoneNumber", id="403-invalid-number"),
        pytest.param(404, "permanent: 404 UnsupportedNumberType", id="404-unsupported"),
        pytest.param(406, "permanent: 406 UserInBlacklist", id="406-blacklisted"),
        pytest.param(401, "configuration: 401 RiskHold", id="401-risk-hold"),
        pytest.param(402, "configuration: 402 InvalidSenderId", id="402-sender-id"),
    ],
)
async def test_hopeless_answers_fail_at_once_with_the_reason(
    container: Container, gateway: FakeGateway, clock: FixedClock, status: int, error: str
) -> None:
    gateway.answer_next(Behaviour(recipient_status=status))
    (view,) = await place_orders(container, 1)

    await container.dispatch_notifications()()
    clock.advance(timedelta(days=1))
    await container.dispatch_notifications()()

    notification = await notification_of(container, view)
    assert notification.state is NotificationState.FAILED
    assert notification.last_error == error
    assert gateway.requests == 1


async def test_wrong_api_key_fails_as_configuration_without_retrying(
    gateway: FakeGateway, clock: FixedClock
) -> None:
    container = build_container(gateway_settings(gateway, at_api_key="not-the-key"))
    with container.clock.override(clock):
        (view,) = await place_orders(container, 1)

        await container.dispatch_notifications()()

        notification = await notification_of(container, view)
    assert notification.state is NotificationState.FAILED
    assert notification.last_error is not None
    assert notification.last_error.startswith("configuration: HTTP 401")


async def test_unreachable_gateway_is_a_transient_fault(
    gateway: FakeGateway, clock: FixedClock
) -> None:
    container = build_container(gateway_settings(gateway, at_base_url="http://127.0.0.1:9"))
    with container.clock.override(clock):
        (view,) = await place_orders(container, 1)

        await container.dispatch_notifications()()

        notification = await notification_of(container, view)
    assert notification.state is NotificationState.PENDING
    assert notification.last_error is not None
    assert notification.last_error.startswith("transient: no connection")


async def test_a_gateway_that_never_answers_leaves_the_send_uncertain_and_retried(
    gateway: FakeGateway, clock: FixedClock
) -> None:
    gateway.answer_next(Behaviour(hang=True))
    container = build_container(gateway_settings(gateway, at_read_timeout=0.5))
    with container.clock.override(clock):
        (view,) = await place_orders(container, 1)

        await container.dispatch_notifications()()

        notification = await notification_of(container, view)
    assert notification.state is NotificationState.PENDING
    assert notification.last_error is not None
    assert notification.last_error.startswith("uncertain: no answer: ReadTimeout")
    assert notification.next_attempt_at - notification.updated_at <= timedelta(seconds=2)
