import logging
from uuid import UUID

from domain.errors import NotificationNotFoundError
from domain.notifications import Notification
from domain.ports import Clock, NotificationSignal, UnitOfWorkFactory

logger = logging.getLogger(__name__)


class RetryNotification:
    """Send a failed SMS again, as an operator asked after fixing its cause.

    - Only a failed notification can be retried (a conflict otherwise); it starts afresh with a
      full set of attempts and is due at once.
    - One the gateway accepted and the handset then missed is never sent again (a conflict).
    """

    def __init__(
        self, *, unit_of_work: UnitOfWorkFactory, clock: Clock, signal: NotificationSignal
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._signal = signal

    async def __call__(self, notification_id: UUID) -> Notification:
        async with self._unit_of_work() as uow:
            notification = await uow.notifications.get(notification_id)
            if notification is None:
                raise NotificationNotFoundError(f"no notification with id {notification_id}")
            notification.retry(self._clock.now())
            await uow.notifications.update(notification)
            await uow.commit()

        self._signal.notify()
        logger.info("sms_retry_requested", extra={"notification_id": str(notification_id)})
        return notification
