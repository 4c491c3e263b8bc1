from logging import getLogger
from uuid import UUID

from application.lookups import require_order
from application.orders.views import OrderView, view_of
from domain.ports import Clock, UnitOfWorkFactory

logger = getLogger(__name__)


class CancelOrder:
    """Cancel a placed order.

    - Cancelling an order twice is a conflict.
    - The order keeps its number, prices and SMS history.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, order_id: UUID) -> OrderView:
        async with self._unit_of_work() as uow:
            order = await require_order(uow, order_id)
            order.cancel(self._clock.now())
            await uow.orders.update(order)
            view = await view_of(uow, order)
            await uow.commit()

        logger.info("order_cancelled", extra={"order_id": str(order_id)})
        return view
