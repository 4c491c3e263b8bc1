from dataclasses import dataclass
from logging import getLogger
from uuid import UUID

from application.idempotency import IdempotencyKey, IdempotentRequest, create_once
from application.lookups import require_customer, require_item, require_order
from application.orders.views import OrderView, view_of
from domain.customers import Customer
from domain.errors import CustomerNotFoundError, ItemNotFoundError, ValidationError
from domain.items import Item
from domain.notifications import Notification
from domain.orders import Order
from domain.ports import Clock, IdSource, NotificationSignal, UnitOfWork, UnitOfWorkFactory
from domain.sms import SmsTemplate

logger = getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOrderCommand:
    customer_id: UUID
    item_id: UUID
    quantity: int
    notify: bool = True
    idempotency: IdempotencyKey | None = None


class CreateOrder:
    """Place an order for a customer.

    - The customer and the item must exist (a validation error naming the field otherwise).
    - The quantity is a positive whole number.
    - The unit price and total are captured now; later price changes do not touch them.
    - The customer's SMS is written to the outbox in the same transaction as the order,
      and sent after commit: placing an order never waits on the SMS gateway.
    - A retry with the same idempotency key returns the first order and sends nothing twice.
    """

    def __init__(
        self,
        *,
        unit_of_work: UnitOfWorkFactory,
        clock: Clock,
        ids: IdSource,
        template: SmsTemplate,
        signal: NotificationSignal,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._ids = ids
        self._template = template
        self._signal = signal

    async def __call__(self, command: CreateOrderCommand) -> OrderView:
        now = self._clock.now()

        async def create(uow: UnitOfWork) -> OrderView:
            customer, item = await _parties(uow, command)
            order = Order.place(
                order_id=self._ids.new_id(),
                number=await uow.orders.next_number(),
                customer=customer,
                item=item,
                quantity=command.quantity,
                now=now,
            )
            await uow.orders.add(order)
            notification = self._notification(order, customer, item) if command.notify else None
            if notification is not None:
                await uow.notifications.add(notification)
            return OrderView(order=order, notification=notification)

        request = IdempotentRequest.of("orders.create", command, now)
        view = await create_once(
            self._unit_of_work, request, create=create, load=_load, identify=lambda v: v.order.id
        )
        self._signal.notify()
        logger.info(
            "order_placed",
            extra={"order_id": str(view.order.id), "customer_id": str(view.order.customer_id)},
        )
        return view

    def _notification(self, order: Order, customer: Customer, item: Item) -> Notification:
        body = self._template.render(
            first_name=customer.first_name,
            last_name=customer.last_name,
            order_number=str(order.number),
            quantity=str(order.quantity),
            item=item.name,
            total=f"{order.total.amount:,.2f}",
            currency=order.total.currency,
        )
        return Notification.for_order(
            notification_id=self._ids.new_id(),
            order_id=order.id,
            recipient=customer.phone,
            body=body,
            now=order.placed_at,
        )


async def _parties(uow: UnitOfWork, command: CreateOrderCommand) -> tuple[Customer, Item]:
    try:
        customer = await require_customer(uow, command.customer_id)
    except CustomerNotFoundError as error:
        raise ValidationError.for_field("customer_id", error.message) from error
    try:
        item = await require_item(uow, command.item_id)
    except ItemNotFoundError as error:
        raise ValidationError.for_field("item_id", error.message) from error
    return customer, item


async def _load(uow: UnitOfWork, order_id: UUID) -> OrderView:
    return await view_of(uow, await require_order(uow, order_id))
