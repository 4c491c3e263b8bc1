from dataclasses import dataclass
from logging import getLogger
from uuid import UUID

from application.lookups import require_order
from application.orders.views import OrderView, view_of
from domain.ports import Clock, UnitOfWorkFactory

logger = getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOrderCommand:
    order_id: UUID
    quantity: int | None = None


class UpdateOrder:
    """Change the quantity of a placed order.

    - The total is recomputed from the unit price captured when the order was placed,
      never from today's price.
    - A cancelled order cannot be changed (a conflict).
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, command: UpdateOrderCommand) -> OrderView:
        async with self._unit_of_work() as uow:
            order = await require_order(uow, command.order_id)
            if command.quantity is not None and command.quantity != order.quantity:
                order.change_quantity(command.quantity, self._clock.now())
                await uow.orders.update(order)
            view = await view_of(uow, order)
            await uow.commit()

        logger.info("order_updated", extra={"order_id": str(order.id)})
        return view
