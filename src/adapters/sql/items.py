from uuid import UUID

from sqlalchemy import select

from adapters.sql.compiled import Prepared
from adapters.sql.database import Transaction
from adapters.sql.rows import item_from, item_values
from adapters.sql.statements import (
    Variants,
    delete_by_id,
    get_by_id,
    update_by_id,
    window_parameters,
    windowed,
)
from adapters.sql.tables import items
from domain.errors import ConflictError, ItemHasOrdersError
from domain.items import Item
from domain.pagination import Window

_INSERT = Prepared(items.insert())
_GET = Prepared(get_by_id(items))
_UPDATE = Prepared(update_by_id(items))
_DELETE = Prepared(delete_by_id(items))
_LIST = Variants(lambda present: windowed(select(items), items, present))


def _has_orders() -> ConflictError:
    return ItemHasOrdersError("this item has orders and cannot be deleted")


class SqlItemRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    async def add(self, item: Item) -> None:
        await self._transaction.execute(_INSERT, item_values(item))

    async def get(self, item_id: UUID) -> Item | None:
        row = (await self._transaction.execute(_GET, {"id": item_id})).first()
        return None if row is None else item_from(row)

    async def update(self, item: Item) -> None:
        values = item_values(item)
        values["row_id"] = values.pop("id")
        await self._transaction.execute(_UPDATE, values)

    async def remove(self, item_id: UUID) -> None:
        await self._transaction.execute(_DELETE, {"id": item_id}, on_conflict=_has_orders)

    async def list(self, window: Window) -> list[Item]:
        statement, parameters = _LIST.bind(window_parameters(window))
        result = await self._transaction.execute(statement, parameters)
        return [item_from(row) for row in result]
