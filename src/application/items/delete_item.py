from logging import getLogger
from uuid import UUID

from application.lookups import require_item
from domain.errors import ItemHasOrdersError
from domain.ports import UnitOfWorkFactory

logger = getLogger(__name__)


class DeleteItem:
    """Remove an item from the catalogue.

    - An item that has been ordered cannot be deleted (a conflict): its orders refer to it.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, item_id: UUID) -> None:
        async with self._unit_of_work() as uow:
            await require_item(uow, item_id)
            if await uow.orders.exists_for_item(item_id):
                raise ItemHasOrdersError("this item has orders and cannot be deleted")
            await uow.items.remove(item_id)
            await uow.commit()

        logger.info("item_deleted", extra={"item_id": str(item_id)})
