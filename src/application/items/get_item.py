from uuid import UUID

from application.lookups import require_item
from domain.items import Item
from domain.ports import UnitOfWorkFactory


class GetItem:
    """Read one item by id (not found when there is none)."""

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, item_id: UUID) -> Item:
        async with self._unit_of_work(read_only=True) as uow:
            return await require_item(uow, item_id)
