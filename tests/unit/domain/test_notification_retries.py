from datetime import timedelta
from uuid import uuid4

import pytest

from domain.errors import NotificationStateError, ValidationError
from domain.notifications import AttemptVerdict, Notification, NotificationState
from domain.phone import PhoneNumber
from domain.sms import DeliveryStatus, RetryPolicy, SendOutcome, SendResult
from tests.factories import T0

LEASE = timedelta(minutes=1)


def claimed_notification(attempts: int = 0) -> Notification:
    notification = Notification.for_order(
        notification_id=uuid4(),
        order_id=uuid4(),
        recipient=PhoneNumber.parse("+254712345678"),
        body="Hi Amina",
        now=T0,
    )
    notification.attempts = attempts
    notification.claim(T0, LEASE)
    return notification


def answer(outcome: SendOutcome, **fields: str) -> SendResult:
    return SendResult(outcome=outcome, **fields)


def test_default_schedule_retries_within_seconds_at_first() -> None:
    policy = RetryPolicy()

    delays = [policy.delay_after(attempt, chance=0.0) for attempt in range(1, 7)]

    assert delays[0] == timedelta(seconds=2)
    assert all(delay <= timedelta(seconds=30) for delay in delays)
    assert delays == sorted(delays)


def test_default_schedule_slows_down_after_the_prompt_attempts() -> None:
    policy = RetryPolicy()

    later = policy.delay_after(policy.prompt_attempts + 1, chance=0.0)

    assert later > policy.prompt_cap
    assert policy.delay_after(40, chance=0.0) == policy.max_delay


def test_jitter_shortens_a_delay_by_at_most_its_fraction() -> None:
    policy = RetryPolicy(jitter=0.25)

    shortest = policy.delay_after(3, chance=0.999999)

    assert timedelta(seconds=6) <= shortest < timedelta(seconds=8)


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"jitter": 1.0}, id="jitter-whole"),
        pytest.param({"max_attempts": 0}, id="no-attempts"),
        pytest.param({"base_delay": timedelta(0)}, id="zero-delay"),
    ],
)
def test_refuses_a_policy_that_cannot_work(overrides: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        RetryPolicy(**overrides)  # type: ignore[arg-type]


def test_accepted_send_stores_message_id_and_cost() -> None:
    notification = claimed_notification()

    verdict = notification.record_attempt(
        answer(SendOutcome.ACCEPTED, provider_message_id="ATXid_1", cost="KES 0.8000"),
        RetryPolicy(),
        T0,
        chance=0.0,
    )

    assert verdict is AttemptVerdict.SENT
    assert notification.state is NotificationState.SENT
    assert (notification.provider_message_id, notification.cost) == ("ATXid_1", "KES 0.8000")
    assert notification.claimed_until is None


def test_transient_failure_waits_per_policy_and_keeps_the_reason() -> None:
    notification = claimed_notification()

    verdict = notification.record_attempt(
        answer(SendOutcome.TRANSIENT, provider_status="HTTP 503"), RetryPolicy(), T0, chance=0.0
    )

    assert verdict is AttemptVerdict.RETRY_SCHEDULED
    assert notification.state is NotificationState.PENDING
    assert notification.next_attempt_at == T0 + timedelta(seconds=2)
    assert notification.last_error == "transient: HTTP 503"


def test_uncertain_answer_is_recorded_as_such_and_retried() -> None:
    notification = claimed_notification()

    notification.record_attempt(
        answer(SendOutcome.UNCERTAIN, reason="ReadTimeout"), RetryPolicy(), T0, chance=0.0
    )

    assert notification.state is NotificationState.PENDING
    assert notification.last_error is not None
    assert notification.last_error.startswith("uncertain")


def test_fails_once_the_attempts_run_out() -> None:
    notification = claimed_notification(attempts=2)

    verdict = notification.record_attempt(
        answer(SendOutcome.TRANSIENT), RetryPolicy(max_attempts=3), T0, chance=0.0
    )

    assert verdict is AttemptVerdict.FAILED
    assert notification.state is NotificationState.FAILED
    assert notification.last_error == "gave up after 3 attempts: transient"


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        pytest.param(SendOutcome.PERMANENT, "403 InvalidPhoneNumber", id="permanent"),
        pytest.param(SendOutcome.CONFIGURATION, "402 InvalidSenderId", id="configuration"),
    ],
)
def test_fails_at_once_when_retrying_cannot_help(outcome: SendOutcome, status: str) -> None:
    notification = claimed_notification()

    verdict = notification.record_attempt(
        answer(outcome, provider_status=status), RetryPolicy(), T0, chance=0.0
    )

    assert verdict is AttemptVerdict.FAILED
    assert notification.last_error == f"{outcome}: {status}"


def test_slow_down_answer_waits_the_long_delay() -> None:
    notification = claimed_notification()
    policy = RetryPolicy(delayed_delay=timedelta(minutes=10))

    notification.record_attempt(answer(SendOutcome.DELAYED), policy, T0, chance=0.0)

    assert notification.next_attempt_at == T0 + timedelta(minutes=10)


def test_slow_down_answers_give_up_after_their_own_limit() -> None:
    notification = claimed_notification(attempts=1)

    verdict = notification.record_attempt(
        answer(SendOutcome.DELAYED), RetryPolicy(delayed_max_attempts=2), T0, chance=0.0
    )

    assert verdict is AttemptVerdict.FAILED


def test_delivery_report_moves_sent_to_delivered_once() -> None:
    notification = claimed_notification()
    notification.mark_sent("ATXid_1", None, T0)

    notification.record_delivery(DeliveryStatus.DELIVERED, None, T0)
    notification.record_delivery(DeliveryStatus.FAILED, "late", T0 + LEASE)

    assert notification.state is NotificationState.DELIVERED
    assert notification.delivered_at == T0


def test_delivery_failure_keeps_the_reason() -> None:
    notification = claimed_notification()
    notification.mark_sent("ATXid_1", None, T0)

    notification.record_delivery(DeliveryStatus.FAILED, "UserInBlacklist", T0)

    assert notification.state is NotificationState.FAILED
    assert notification.last_error == "not delivered: UserInBlacklist"


def test_progress_report_leaves_the_notification_sent() -> None:
    notification = claimed_notification()
    notification.mark_sent("ATXid_1", None, T0)

    notification.record_delivery(DeliveryStatus.IN_TRANSIT, None, T0)

    assert notification.state is NotificationState.SENT


def test_refuses_to_resend_what_the_gateway_accepted() -> None:
    notification = claimed_notification()
    notification.mark_sent("ATXid_1", None, T0)
    notification.record_delivery(DeliveryStatus.FAILED, "Rejected", T0)

    with pytest.raises(NotificationStateError):
        notification.retry(T0)

    assert notification.state is NotificationState.FAILED
