import asyncio
import logging
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.notifications import AttemptVerdict, Notification, NotificationState, describe
from domain.ports import Clock, SmsSender, UnitOfWorkFactory
from domain.sms import RetryPolicy, SendOutcome, SendResult, SmsMessage

logger = logging.getLogger(__name__)

_LEVELS = {
    SendOutcome.ACCEPTED: logging.INFO,
    SendOutcome.TRANSIENT: logging.WARNING,
    SendOutcome.UNCERTAIN: logging.WARNING,
    SendOutcome.DELAYED: logging.WARNING,
    SendOutcome.CONFIGURATION: logging.ERROR,
    SendOutcome.PERMANENT: logging.ERROR,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DispatchReport:
    claimed: int = 0
    sent: int = 0
    retry_scheduled: int = 0
    failed: int = 0


class DispatchNotifications:
    """Send the SMS that are due, one attempt per notification at a time.

    - Claims up to ``batch_size`` due notifications in one transaction; the claim holds for
      ``lease``, so no other dispatcher (in this process or another) sends them meanwhile.
      The lease must be at least twice the sender's connect and read timeouts together:
      a send starts only while half the lease remains, and the batch stops short (handing
      back the rest) when a slow gateway eats the lease.
    - Each answer is recorded in its own transaction right after the send, so a crash
      leaves at most the one message in flight unrecorded; its lease then runs out and
      it is tried again (at least once to the gateway).
    - A cancelled dispatch finishes the send in flight, records it and hands back the
      rest of its claims before stopping.
    - Accepted sends are never repeated; failures follow the ``RetryPolicy``.
    """

    def __init__(
        self,
        *,
        unit_of_work: UnitOfWorkFactory,
        sender: SmsSender,
        clock: Clock,
        policy: RetryPolicy,
        lease: timedelta,
        batch_size: int,
        chance: Callable[[], float] = random.random,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._sender = sender
        self._clock = clock
        self._policy = policy
        self._lease = lease
        self._batch_size = batch_size
        self._chance = chance

    async def __call__(self) -> DispatchReport:
        claimed = await self._claim()
        verdicts: Counter[AttemptVerdict | None] = Counter()
        for index, notification in enumerate(claimed):
            if not self._lease_covers_a_send(notification):
                await self._unclaim(claimed[index:])
                break
            verdicts[await self._attempt_to_the_end(notification, claimed[index + 1 :])] += 1
        return DispatchReport(
            claimed=len(claimed),
            sent=verdicts[AttemptVerdict.SENT],
            retry_scheduled=verdicts[AttemptVerdict.RETRY_SCHEDULED],
            failed=verdicts[AttemptVerdict.FAILED],
        )

    def _lease_covers_a_send(self, notification: Notification) -> bool:
        # One send fits in half the lease (the lease is at least twice the timeouts), so a
        # send started now ends while the claim still holds; a slow batch stops short.
        until = notification.claimed_until
        return until is not None and self._clock.now() + self._lease / 2 <= until

    async def _attempt_to_the_end(
        self, notification: Notification, rest: list[Notification]
    ) -> AttemptVerdict | None:
        attempt = asyncio.ensure_future(self._attempt(notification))
        try:
            return await asyncio.shield(attempt)
        except asyncio.CancelledError:
            # The gateway may already hold the message: its answer must be kept. The rest
            # go back to the queue now rather than when their lease runs out.
            await attempt
            await self._unclaim(rest)
            raise

    async def _claim(self) -> list[Notification]:
        async with self._unit_of_work() as uow:
            claimed = await uow.notifications.claim_due(
                self._clock.now(), self._lease, self._batch_size
            )
            await uow.commit()
        return claimed

    async def _attempt(self, notification: Notification) -> AttemptVerdict | None:
        message = SmsMessage(
            notification_id=notification.id,
            recipient=notification.recipient,
            body=notification.body,
        )
        started = time.monotonic()
        result = await self._send(message)
        latency_ms = round((time.monotonic() - started) * 1000)
        verdict = await self._record(notification, result)
        # Giving up is an error whatever the last answer was: a customer misses an SMS.
        level = logging.ERROR if verdict is AttemptVerdict.FAILED else _LEVELS[result.outcome]
        logger.log(
            level,
            "sms_send_attempted",
            extra={
                "notification_id": str(notification.id),
                "attempt": notification.attempts,
                "outcome": str(result.outcome),
                "provider_status": result.provider_status,
                "verdict": str(verdict),
                "latency_ms": latency_ms,
            },
        )
        return verdict

    async def _send(self, message: SmsMessage) -> SendResult:
        try:
            return await self._sender.send(message)
        except Exception:
            # The port promises not to raise; a sender bug must not stop the other sends.
            logger.exception(
                "sms_sender_raised", extra={"notification_id": str(message.notification_id)}
            )
            return SendResult(outcome=SendOutcome.UNCERTAIN, reason="the SMS sender raised")

    async def _unclaim(self, claimed: list[Notification]) -> None:
        if not claimed:
            return
        async with self._unit_of_work() as uow:
            for notification in claimed:
                current = await uow.notifications.get(notification.id)
                if current is not None and _claimed_by_us(current, notification):
                    current.unclaim(self._clock.now())
                    await uow.notifications.update(current)
            await uow.commit()

    async def _record(self, claimed: Notification, result: SendResult) -> AttemptVerdict | None:
        async with self._unit_of_work() as uow:
            current = await uow.notifications.get(claimed.id)
            if current is None or not _still_ours(current, claimed, result):
                logger.warning(
                    "sms_claim_lost",
                    extra={"notification_id": str(claimed.id), "answer": describe(result)},
                )
                return None
            verdict = current.record_attempt(
                result, self._policy, self._clock.now(), self._chance()
            )
            await uow.notifications.update(current)
            await uow.commit()
        return verdict


def _still_ours(current: Notification, claimed: Notification, result: SendResult) -> bool:
    """Whether this attempt's answer may still be applied.

    An accepted send is recorded even if the lease ran out meanwhile (the message went
    out; sending it again would be the worse mistake); other answers only by the claimer.
    """
    if current.state is not NotificationState.PENDING:
        return False
    return result.outcome is SendOutcome.ACCEPTED or _claimed_by_us(current, claimed)


def _claimed_by_us(current: Notification, claimed: Notification) -> bool:
    """No one claimed it since: each claim raises ``attempts``, so it tells claims apart."""
    return current.state is NotificationState.PENDING and current.attempts == claimed.attempts
