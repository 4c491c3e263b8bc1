from dataclasses import dataclass

from domain.notifications import Notification
from domain.orders import Order
from domain.ports import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderView:
    """An order with the state of the SMS it owes its customer."""

    order: Order
    notification: Notification | None


async def view_of(uow: UnitOfWork, order: Order) -> OrderView:
    return OrderView(order=order, notification=await uow.notifications.get_for_order(order.id))
