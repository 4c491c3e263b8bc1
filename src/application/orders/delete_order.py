from logging import getLogger
from uuid import UUID

from application.lookups import require_order
from domain.errors import ConflictError
from domain.orders import OrderStatus
from domain.ports import UnitOfWorkFactory

logger = getLogger(__name__)


class DeleteOrder:
    """Delete an order record.

    - Only a cancelled order can be deleted (a conflict otherwise): a placed order is history
      the customer has been told about, so it is cancelled first.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, order_id: UUID) -> None:
        async with self._unit_of_work() as uow:
            order = await require_order(uow, order_id)
            if order.status is not OrderStatus.CANCELLED:
                raise ConflictError("only a cancelled order can be deleted; cancel it first")
            await uow.orders.remove(order_id)
            await uow.commit()

        logger.info("order_deleted", extra={"order_id": str(order_id)})
