from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import Select, Uuid, any_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql

from adapters.sql.compiled import Prepared
from adapters.sql.database import Rows, Transaction
from adapters.sql.rows import notification_from, notification_values
from adapters.sql.statements import Variants, get_by_id, update_by_id, window_parameters, windowed
from adapters.sql.tables import notifications
from domain.notifications import Notification, NotificationState
from domain.pagination import Window

_table = notifications.c
_INSERT = Prepared(notifications.insert())
_GET = Prepared(get_by_id(notifications))
_GET_FOR_ORDER = Prepared(select(notifications).where(_table.order_id == bindparam("order_id")))
_GET_BY_MESSAGE_ID = Prepared(
    select(notifications).where(_table.provider_message_id == bindparam("message_id"))
)
# SQLite expands the list into one parameter each; PostgreSQL binds it as one array.
_FOR_ORDERS = {
    "sqlite": Prepared(
        select(notifications).where(_table.order_id.in_(bindparam("order_ids", expanding=True)))
    ),
    "postgresql": Prepared(
        select(notifications).where(
            _table.order_id == any_(bindparam("order_ids", type_=postgresql.ARRAY(Uuid)))
        )
    ),
}
_UPDATE = Prepared(update_by_id(notifications))
_DUE = (
    select(_table.id)
    .where(
        _table.state == NotificationState.PENDING.value,
        _table.next_attempt_at <= bindparam("now"),
        or_(_table.claimed_until.is_(None), _table.claimed_until <= bindparam("now")),
    )
    .order_by(_table.next_attempt_at, _table.id)
    .limit(bindparam("limit"))
    # PostgreSQL: SKIP LOCKED so two dispatchers never claim the same row. SQLite renders
    # no FOR UPDATE; its BEGIN IMMEDIATE already lets one writer at a time through.
    .with_for_update(skip_locked=True)
)
_CLAIM = Prepared(
    update(notifications)
    .where(_table.id.in_(_DUE.scalar_subquery()))
    .values(
        attempts=_table.attempts + 1,
        claimed_until=bindparam("claimed_until"),
        updated_at=bindparam("now"),
    )
    .returning(*notifications.c)
)


def _list(present: frozenset[str]) -> Select[tuple[object, ...]]:
    statement = select(notifications)
    if "state" in present:
        statement = statement.where(_table.state == bindparam("state"))
    return windowed(statement, notifications, present)


_LIST = Variants(_list)


class SqlNotificationRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    async def add(self, notification: Notification) -> None:
        await self._transaction.execute(_INSERT, notification_values(notification))

    async def get(self, notification_id: UUID) -> Notification | None:
        return await self._one(await self._transaction.execute(_GET, {"id": notification_id}))

    async def get_for_order(self, order_id: UUID) -> Notification | None:
        result = await self._transaction.execute(_GET_FOR_ORDER, {"order_id": order_id})
        return await self._one(result)

    async def for_orders(self, order_ids: Sequence[UUID]) -> dict[UUID, Notification]:
        """The notifications of the given orders, keyed by order id."""
        if not order_ids:
            return {}
        statement = _FOR_ORDERS[self._transaction.dialect]
        result = await self._transaction.execute(statement, {"order_ids": list(order_ids)})
        found = (notification_from(row) for row in result)
        return {notification.order_id: notification for notification in found}

    async def get_by_provider_message_id(self, message_id: str) -> Notification | None:
        result = await self._transaction.execute(_GET_BY_MESSAGE_ID, {"message_id": message_id})
        return await self._one(result)

    async def update(self, notification: Notification) -> None:
        values = notification_values(notification)
        values["row_id"] = values.pop("id")
        await self._transaction.execute(_UPDATE, values)

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[Notification]:
        """Claim up to ``limit`` due notifications, earliest due first, in one statement."""
        parameters = {"now": now, "claimed_until": now + lease, "limit": limit}
        result = await self._transaction.execute(_CLAIM, parameters)
        claimed = [notification_from(row) for row in result]
        return sorted(claimed, key=lambda n: (n.next_attempt_at, n.id))

    async def list(self, state: NotificationState | None, window: Window) -> list[Notification]:
        filters = {"state": None if state is None else state.value}
        statement, parameters = _LIST.bind(filters | window_parameters(window))
        result = await self._transaction.execute(statement, parameters)
        return [notification_from(row) for row in result]

    @staticmethod
    async def _one(result: Rows) -> Notification | None:
        row = result.first()
        return None if row is None else notification_from(row)
