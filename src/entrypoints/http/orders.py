"""Orders: place, read, list (by customer and time), change quantity, cancel and delete."""

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from application.idempotency import IdempotencyKey
from application.orders.cancel_order import CancelOrder
from application.orders.create_order import CreateOrder, CreateOrderCommand
from application.orders.delete_order import DeleteOrder
from application.orders.get_order import GetOrder
from application.orders.list_orders import ListOrders, ListOrdersQuery
from application.orders.update_order import UpdateOrder, UpdateOrderCommand
from application.orders.views import OrderView
from domain.errors import ValidationError
from domain.notifications import Notification, NotificationState
from domain.orders import MAX_QUANTITY, OrderStatus
from entrypoints.http.auth import require_scope
from entrypoints.http.dependencies import described_by, use_cases
from entrypoints.http.errors import api_problems
from entrypoints.http.paging import Cursor, Limit

Quantity = Annotated[int, msgspec.Meta(ge=1, le=MAX_QUANTITY)]


class OrderIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    customer_id: UUID
    item_id: UUID
    quantity: Quantity


class OrderPatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    quantity: Quantity | None = None


class NotificationOut(msgspec.Struct, kw_only=True):
    id: Annotated[
        UUID, msgspec.Meta(description="Retry a failed SMS at /api/v1/notifications/{id}/retry.")
    ]
    state: NotificationState
    attempts: int
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None

    @classmethod
    def of(cls, notification: Notification) -> "NotificationOut":
        return cls(
            id=notification.id,
            state=notification.state,
            attempts=notification.attempts,
            last_error=notification.last_error,
            created_at=notification.created_at,
            updated_at=notification.updated_at,
            sent_at=notification.sent_at,
            delivered_at=notification.delivered_at,
        )


class OrderOut(msgspec.Struct, kw_only=True):
    id: UUID
    number: int
    customer_id: UUID
    item_id: UUID
    quantity: int
    unit_price: str
    total: str
    currency: str
    status: OrderStatus
    placed_at: datetime
    updated_at: datetime
    notification: NotificationOut | None

    @classmethod
    def of(cls, view: OrderView) -> "OrderOut":
        order, notification = view.order, view.notification
        return cls(
            id=order.id,
            number=order.number,
            customer_id=order.customer_id,
            item_id=order.item_id,
            quantity=order.quantity,
            unit_price=str(order.unit_price.amount),
            total=str(order.total.amount),
            currency=order.total.currency,
            status=order.status,
            placed_at=order.placed_at,
            updated_at=order.updated_at,
            notification=NotificationOut.of(notification) if notification else None,
        )


class OrderPage(msgspec.Struct, kw_only=True):
    results: list[OrderOut]
    next_cursor: str | None


def _utc(field: str, moment: datetime | None) -> datetime | None:
    """The time in UTC; one without an offset is read as UTC, the zone every time is kept in."""
    if moment is None:
        return None
    try:
        return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
    except OverflowError as error:
        raise ValidationError.for_field(field, "has no UTC time within years 1 to 9999") from error


class OrderController(Controller):
    path = "/api/v1/orders"
    tags = ["orders"]  # noqa: RUF012 - Litestar reads these class attributes
    opt = {"resource": "orders"}  # noqa: RUF012
    guards = [require_scope]  # noqa: RUF012
    dependencies = use_cases(
        "create_order", "get_order", "list_orders", "update_order", "cancel_order", "delete_order"
    )

    @post(description=described_by(CreateOrder), responses=api_problems(400, 413, 415, 422))
    async def create_order(
        self,
        data: JSONBody[OrderIn],
        create_order: NamedDependency[CreateOrder],
        idempotency: NamedDependency[IdempotencyKey | None],
    ) -> OrderOut:
        command = CreateOrderCommand(**msgspec.structs.asdict(data), idempotency=idempotency)
        return OrderOut.of(await create_order(command))

    @get("/{order_id:uuid}", description=described_by(GetOrder), responses=api_problems(404))
    async def get_order(
        self, order_id: FromPath[UUID], get_order: NamedDependency[GetOrder]
    ) -> OrderOut:
        return OrderOut.of(await get_order(order_id))

    @get(description=described_by(ListOrders), responses=api_problems(422))
    async def list_orders(
        self,
        list_orders: NamedDependency[ListOrders],
        limit: Limit = 50,
        cursor: Cursor = None,
        customer_id: FromQuery[UUID | None] = None,
        placed_from: Annotated[datetime | None, QueryParameter(description="Inclusive.")] = None,
        placed_before: Annotated[datetime | None, QueryParameter(description="Exclusive.")] = None,
    ) -> OrderPage:
        query = ListOrdersQuery(
            limit=limit,
            cursor=cursor,
            customer_id=customer_id,
            placed_from=_utc("placed_from", placed_from),
            placed_before=_utc("placed_before", placed_before),
        )
        page = await list_orders(query)
        return OrderPage(
            results=[OrderOut.of(v) for v in page.results], next_cursor=page.next_cursor
        )

    @patch(
        "/{order_id:uuid}",
        description=described_by(UpdateOrder),
        responses=api_problems(400, 404, 409, 413, 415, 422),
    )
    async def update_order(
        self,
        order_id: FromPath[UUID],
        data: JSONBody[OrderPatch],
        update_order: NamedDependency[UpdateOrder],
    ) -> OrderOut:
        command = UpdateOrderCommand(order_id=order_id, quantity=data.quantity)
        return OrderOut.of(await update_order(command))

    @post(
        "/{order_id:uuid}/cancel",
        status_code=200,
        description=described_by(CancelOrder),
        responses=api_problems(404, 409),
    )
    async def cancel_order(
        self, order_id: FromPath[UUID], cancel_order: NamedDependency[CancelOrder]
    ) -> OrderOut:
        return OrderOut.of(await cancel_order(order_id))

    @delete(
        "/{order_id:uuid}",
        description=described_by(DeleteOrder),
        responses=api_problems(404, 409),
    )
    async def delete_order(
        self, order_id: FromPath[UUID], delete_order: NamedDependency[DeleteOrder]
    ) -> None:
        await delete_order(order_id)
