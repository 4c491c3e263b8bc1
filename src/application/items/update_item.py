from dataclasses import dataclass
from decimal import Decimal
from logging import getLogger
from uuid import UUID

from application.lookups import require_item
from domain.items import Item, ItemChanges, Size
from domain.money import Money
from domain.ports import Clock, UnitOfWorkFactory

logger = getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateItemCommand:
    item_id: UUID
    name: str | None = None
    size: Size | None = None
    unit_price: Decimal | str | None = None
    currency: str | None = None


class UpdateItem:
    """Change some of an item's details; fields left out keep their value.

    - A new price applies to orders placed from now on; placed orders keep theirs.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, command: UpdateItemCommand) -> Item:
        async with self._unit_of_work() as uow:
            item = await require_item(uow, command.item_id)
            changes = ItemChanges(
                name=command.name, size=command.size, unit_price=_price(item, command)
            )
            if item.revise(changes, self._clock.now()):
                await uow.items.update(item)
                await uow.commit()

        logger.info("item_updated", extra={"item_id": str(item.id)})
        return item


def _price(item: Item, command: UpdateItemCommand) -> Money | None:
    if command.unit_price is None and command.currency is None:
        return None
    amount = item.unit_price.amount if command.unit_price is None else command.unit_price
    return Money.of(amount, command.currency or item.unit_price.currency)
