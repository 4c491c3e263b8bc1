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
        """Give a failed notification a fresh start, as an operator asked."""
        self._require(NotificationState.FAILED)
        self.state = NotificationState.PENDING
        self.attempts = 0
        self.next_attempt_at = now
        self._release(now)

    def _require(self, state: NotificationState) -> None:
        if self.state is not state:
            raise NotificationStateError(f"notification {self.id} is {self.state}, not {state}")

    def _release(self, now: datetime) -> None:
        self.claimed_until = None
        self.updated_at = now
