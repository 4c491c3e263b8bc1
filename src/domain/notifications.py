"""Notifications: the SMS an order owes its customer, kept in the outbox until delivered.

State machine::

    pending ──send accepted──▶ sent ──delivery report──▶ delivered
       │  ▲                      │
       │  └─ transient failure   └──delivery report──▶ failed
       └──permanent failure / attempts exhausted──────▶ failed
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from domain.errors import NotificationStateError
from domain.phone import PhoneNumber
from domain.sms import DeliveryStatus, RetryPolicy, SendOutcome, SendResult


class AttemptVerdict(StrEnum):
    """What one send attempt did to a notification."""

    SENT = "sent"
    RETRY_SCHEDULED = "retry_scheduled"
    FAILED = "failed"


class NotificationState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(slots=True, kw_only=True)
class Notification:
    id: UUID
    order_id: UUID
    recipient: PhoneNumber
    body: str
    state: NotificationState = NotificationState.PENDING
    attempts: int = 0
    next_attempt_at: datetime
    claimed_until: datetime | None = None
    last_error: str | None = None
    provider_message_id: str | None = None
    cost: str | None = None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None = None
    delivered_at: datetime | None = None

    @classmethod
    def for_order(
        cls,
        *,
        notification_id: UUID,
        order_id: UUID,
        recipient: PhoneNumber,
        body: str,
        now: datetime,
    ) -> "Notification":
        return cls(
            id=notification_id,
            order_id=order_id,
            recipient=recipient,
            body=body,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )

    def is_due(self, now: datetime) -> bool:
        claim_free = self.claimed_until is None or self.claimed_until <= now
        return (
            self.state is NotificationState.PENDING and self.next_attempt_at <= now and claim_free
        )

    def claim(self, now: datetime, lease: timedelta) -> None:
        """Take the notification for one send attempt; the lease bounds how long it stays taken."""
        if not self.is_due(now):
            raise NotificationStateError(f"notification {self.id} is not due")
        self.attempts += 1
        self.claimed_until = now + lease
        self.updated_at = now

    def unclaim(self, now: datetime) -> None:
        """Hand back a claim that no send used, as if it had never been taken."""
        self._require(NotificationState.PENDING)
        self.attempts -= 1
        self._release(now)

    def mark_sent(self, provider_message_id: str | None, cost: str | None, now: datetime) -> None:
        self._require(NotificationState.PENDING)
        self.state = NotificationState.SENT
        self.provider_message_id = provider_message_id
        self.cost = cost
        self.sent_at = now
        self._release(now)

    def retry_at(self, when: datetime, error: str, now: datetime) -> None:
        self._require(NotificationState.PENDING)
        self.next_attempt_at = when
        self.last_error = error
        self._release(now)

    def mark_failed(self, reason: str, now: datetime) -> None:
        if self.state in (NotificationState.DELIVERED, NotificationState.FAILED):
            raise NotificationStateError(f"notification {self.id} is already {self.state}")
        self.state = NotificationState.FAILED
        self.last_error = reason
        self._release(now)

    def mark_delivered(self, now: datetime) -> None:
        if self.state is NotificationState.DELIVERED:
            return
        self._require(NotificationState.SENT)
        self.state = NotificationState.DELIVERED
        self.delivered_at = now
        self.updated_at = now

    def retry(self, now: datetime) -> None:
        """Give a failed notification a fresh start, as an operator asked.

        One the gateway accepted (it failed at the handset) is never sent again: the
        gateway has no idempotency key, so only a message it never took is safe to resend.
        """
        self._require(NotificationState.FAILED)
        if self.provider_message_id is not None:
            raise NotificationStateError(
                f"notification {self.id} was accepted by the gateway and is not sent again"
            )
        self.state = NotificationState.PENDING
        self.attempts = 0
        self.next_attempt_at = now
        self._release(now)

    def record_attempt(
        self, result: SendResult, policy: RetryPolicy, now: datetime, chance: float
    ) -> AttemptVerdict:
        """Apply the gateway's answer to the attempt this notification was claimed for.

        Accepted sends are final. Permanent and configuration faults fail at once (an
        operator retries after fixing the account). Everything else waits per ``policy``
        and fails when the policy gives up; ``chance`` in [0, 1) drives the jitter.
        """
        if result.outcome is SendOutcome.ACCEPTED:
            self.mark_sent(result.provider_message_id, result.cost, now)
            return AttemptVerdict.SENT
        error = describe(result)
        final = result.outcome in (SendOutcome.PERMANENT, SendOutcome.CONFIGURATION)
        if final or policy.gives_up(result.outcome, self.attempts):
            reason = error if final else f"gave up after {self.attempts} attempts: {error}"
            self.mark_failed(reason, now)
            return AttemptVerdict.FAILED
        if result.outcome is SendOutcome.DELAYED:
            wait = policy.delayed_after(chance)
        else:
            wait = policy.delay_after(self.attempts, chance)
        self.retry_at(now + wait, error, now)
        return AttemptVerdict.RETRY_SCHEDULED

    def record_delivery(self, status: DeliveryStatus, reason: str | None, now: datetime) -> None:
        """Apply a delivery report; reports about a settled notification change nothing."""
        if self.state in (NotificationState.DELIVERED, NotificationState.FAILED):
            return
        if status is DeliveryStatus.DELIVERED:
            self.mark_delivered(now)
        elif status is DeliveryStatus.FAILED:
            self.mark_failed(f"not delivered: {reason or 'no reason given'}", now)

    def _require(self, state: NotificationState) -> None:
        if self.state is not state:
            raise NotificationStateError(f"notification {self.id} is {self.state}, not {state}")

    def _release(self, now: datetime) -> None:
        self.claimed_until = None
        self.updated_at = now


def describe(result: SendResult) -> str:
    """A one-line account of a gateway answer, for ``last_error`` and operators."""
    parts = [str(result.outcome), result.provider_status, result.reason]
    return ": ".join(part for part in parts if part)
