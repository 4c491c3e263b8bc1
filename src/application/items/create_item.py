from dataclasses import dataclass
from decimal import Decimal
from logging import getLogger

from application.idempotency import IdempotencyKey, IdempotentRequest, create_once
from application.lookups import require_item
from domain.items import Item, Size
from domain.money import DEFAULT_CURRENCY, Money
from domain.ports import Clock, IdSource, UnitOfWork, UnitOfWorkFactory

logger = getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateItemCommand:
    name: str
    unit_price: Decimal | str
    currency: str | None = None
    size: Size | None = None
    idempotency: IdempotencyKey | None = None


class CreateItem:
    """Add an item to the catalogue.

    - The unit price is exact to the cent, in the given currency or the configured default.
    - A retry with the same idempotency key returns the first item.
    """

    def __init__(
        self,
        *,
        unit_of_work: UnitOfWorkFactory,
        clock: Clock,
        ids: IdSource,
        default_currency: str = DEFAULT_CURRENCY,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._ids = ids
        self._default_currency = default_currency

    async def __call__(self, command: CreateItemCommand) -> Item:
        now = self._clock.now()
        item = Item(
            id=self._ids.new_id(),
            name=command.name,
            size=command.size,
            unit_price=Money.of(command.unit_price, command.currency or self._default_currency),
            created_at=now,
            updated_at=now,
        )

        async def create(uow: UnitOfWork) -> Item:
            await uow.items.add(item)
            return item

        request = IdempotentRequest.of("items.create", command, now)
        created = await create_once(
            self._unit_of_work, request, create=create, load=require_item, identify=lambda i: i.id
        )
        logger.info("item_created", extra={"item_id": str(created.id)})
        return created
