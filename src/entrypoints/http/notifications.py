"""Order SMS for operators: list them by state, retry a failed one."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.config.app import AppConfig
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter

from application.notifications.list_notifications import (
    ListNotifications,
    ListNotificationsQuery,
)
from application.notifications.retry_notification import RetryNotification
from domain.notifications import Notification, NotificationState
from entrypoints.container import Container
from entrypoints.http.auth import require_scope
from entrypoints.http.dependencies import described_by, use_cases
from entrypoints.http.errors import api_problems
from entrypoints.http.orders import NotificationOut
from entrypoints.http.paging import Cursor, Limit


class OperatorNotificationOut(NotificationOut, kw_only=True):
    """What an order shows of its SMS, plus what an operator needs to chase it."""

    order_id: UUID
    recipient: str
    next_attempt_at: datetime
    provider_message_id: str | None
    cost: str | None

    @classmethod
    def of(cls, notification: Notification) -> "OperatorNotificationOut":
        return cls(
            **msgspec.structs.asdict(NotificationOut.of(notification)),
            order_id=notification.order_id,
            recipient=notification.recipient.masked,
            next_attempt_at=notification.next_attempt_at,
            provider_message_id=notification.provider_message_id,
            cost=notification.cost,
        )


class NotificationPage(msgspec.Struct, kw_only=True):
    results: list[OperatorNotificationOut]
    next_cursor: str | None


class NotificationController(Controller):
    path = "/api/v1/notifications"
    tags = ["notifications"]  # noqa: RUF012 - Litestar reads these class attributes
    # The SMS belong to orders: reading them needs orders:read, retrying orders:write.
    opt = {"resource": "orders"}  # noqa: RUF012
    guards = [require_scope]  # noqa: RUF012
    dependencies = use_cases("list_notifications", "retry_notification")

    @get(description=described_by(ListNotifications), responses=api_problems(422))
    async def list_notifications(
        self,
        list_notifications: NamedDependency[ListNotifications],
        in_state: Annotated[
            NotificationState | None, QueryParameter(name="state", description="Only this state.")
        ] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> NotificationPage:
        query = ListNotificationsQuery(state=in_state, limit=limit, cursor=cursor)
        page = await list_notifications(query)
        results = [OperatorNotificationOut.of(n) for n in page.results]
        return NotificationPage(results=results, next_cursor=page.next_cursor)

    @post(
        "/{notification_id:uuid}/retry",
        status_code=200,
        description=described_by(RetryNotification),
        responses=api_problems(404, 409),
    )
    async def retry_notification(
        self,
        notification_id: FromPath[UUID],
        retry_notification: NamedDependency[RetryNotification],
    ) -> OperatorNotificationOut:
        return OperatorNotificationOut.of(await retry_notification(notification_id))


def in_process_dispatcher(container: Container) -> Any:
    """An app-init hook that runs the SMS dispatcher for the app's lifetime, unless disabled."""

    def on_init(config: AppConfig) -> AppConfig:
        if not container.config.sms_dispatch_in_process():
            return config
        dispatcher = container.dispatcher()

        async def start() -> None:
            dispatcher.start()

        config.on_startup.append(start)
        config.on_shutdown.append(dispatcher.stop)
        return config

    return on_init
