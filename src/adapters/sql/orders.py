from uuid import UUID

from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.dialects import sqlite

from adapters.sql.compiled import Prepared
from adapters.sql.database import Transaction
from adapters.sql.rows import order_from, order_values
from adapters.sql.statements import (
    Variants,
    delete_by_id,
    get_by_id,
    update_by_id,
    window_parameters,
    windowed,
)
from adapters.sql.tables import counters, order_number_sequence, orders
from domain.orders import Order
from domain.pagination import OrderFilter, Window

_INSERT = Prepared(orders.insert())
_GET = Prepared(get_by_id(orders))
_UPDATE = Prepared(update_by_id(orders))
# Notifications go with their order by ON DELETE CASCADE.
_DELETE = Prepared(delete_by_id(orders))
_NEXT_FROM_SEQUENCE = Prepared(select(order_number_sequence.next_value()))
_counter_upsert = sqlite.insert(counters).values(name="order_number", value=1)
_NEXT_FROM_COUNTER = Prepared(
    _counter_upsert.on_conflict_do_update(
        index_elements=[counters.c.name], set_={"value": counters.c.value + 1}
    ).returning(counters.c.value)
)


def _list(present: frozenset[str]) -> Select[tuple[object, ...]]:
    statement = select(orders)
    if "customer_id" in present:
        statement = statement.where(orders.c.customer_id == bindparam("customer_id"))
    if "placed_from" in present:
        statement = statement.where(orders.c.placed_at >= bindparam("placed_from"))
    if "placed_before" in present:
        statement = statement.where(orders.c.placed_at < bindparam("placed_before"))
    return windowed(statement, orders, present)


_LIST = Variants(_list)
_FOR_CUSTOMER = Prepared(select(exists().where(orders.c.customer_id == bindparam("party_id"))))
_FOR_ITEM = Prepared(select(exists().where(orders.c.item_id == bindparam("party_id"))))


class SqlOrderRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    async def next_number(self) -> int:
        # A sequence never hands a number out twice, even to transactions that roll back;
        # SQLite's counter row is taken under the write lock BEGIN IMMEDIATE already holds.
        if self._transaction.dialect == "postgresql":
            result = await self._transaction.execute(_NEXT_FROM_SEQUENCE)
        else:
            result = await self._transaction.execute(_NEXT_FROM_COUNTER)
        return int(result.scalar_one())

    async def add(self, order: Order) -> None:
        await self._transaction.execute(_INSERT, order_values(order))

    async def get(self, order_id: UUID) -> Order | None:
        row = (await self._transaction.execute(_GET, {"id": order_id})).first()
        return None if row is None else order_from(row)

    async def update(self, order: Order) -> None:
        values = order_values(order)
        values["row_id"] = values.pop("id")
        await self._transaction.execute(_UPDATE, values)

    async def remove(self, order_id: UUID) -> None:
        """Remove the order and its notification."""
        await self._transaction.execute(_DELETE, {"id": order_id})

    async def list(self, where: OrderFilter, window: Window) -> list[Order]:
        filters = {
            "customer_id": where.customer_id,
            "placed_from": where.placed_from,
            "placed_before": where.placed_before,
        }
        statement, parameters = _LIST.bind(filters | window_parameters(window))
        result = await self._transaction.execute(statement, parameters)
        return [order_from(row) for row in result]

    async def exists_for_customer(self, customer_id: UUID) -> bool:
        result = await self._transaction.execute(_FOR_CUSTOMER, {"party_id": customer_id})
        return bool(result.scalar_one())

    async def exists_for_item(self, item_id: UUID) -> bool:
        result = await self._transaction.execute(_FOR_ITEM, {"party_id": item_id})
        return bool(result.scalar_one())
