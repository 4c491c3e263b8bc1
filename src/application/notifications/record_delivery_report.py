import logging
from dataclasses import dataclass

from domain.errors import NotificationNotFoundError
from domain.notifications import Notification
from domain.ports import Clock, UnitOfWorkFactory
from domain.sms import DeliveryStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryReport:
    provider_message_id: str
    status: DeliveryStatus
    failure_reason: str | None = None


class RecordDeliveryReport:
    """Apply the gateway's report on whether a sent SMS reached the handset.

    - The report names the message by the gateway's id; an unknown id is not found and
      changes nothing.
    - Delivered and failed are final: a repeated or late report changes nothing, so the
      gateway may resend reports freely.
    - Progress reports (sent, submitted, buffered) leave the notification as sent.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, report: DeliveryReport) -> Notification:
        async with self._unit_of_work() as uow:
            notification = await uow.notifications.get_by_provider_message_id(
                report.provider_message_id
            )
            if notification is None:
                raise NotificationNotFoundError("no SMS was sent with this message id")
            notification.record_delivery(report.status, report.failure_reason, self._clock.now())
            await uow.notifications.update(notification)
            await uow.commit()

        logger.info(
            "sms_delivery_reported",
            extra={
                "notification_id": str(notification.id),
                "status": str(report.status),
                "state": str(notification.state),
            },
        )
        return notification
