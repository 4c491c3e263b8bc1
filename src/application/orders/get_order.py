from uuid import UUID

from application.lookups import require_order
from application.orders.views import OrderView, view_of
from domain.ports import UnitOfWorkFactory


class GetOrder:
    """Read one order, with its SMS state, by id (not found when there is none)."""

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, order_id: UUID) -> OrderView:
        async with self._unit_of_work(read_only=True) as uow:
            return await view_of(uow, await require_order(uow, order_id))
