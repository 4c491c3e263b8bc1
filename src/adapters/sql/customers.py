from typing import Any
from uuid import UUID

from sqlalchemy import BindParameter, Select, bindparam, or_, select

from adapters.sql.compiled import Prepared
from adapters.sql.database import Transaction
from adapters.sql.rows import customer_from, customer_values
from adapters.sql.statements import (
    Variants,
    delete_by_id,
    get_by_id,
    update_by_id,
    window_parameters,
    windowed,
)
from adapters.sql.tables import customers
from domain.customers import Customer
from domain.errors import ConflictError, CustomerHasOrdersError
from domain.pagination import CustomerFilter, Window
from domain.phone import PhoneNumber

_INSERT = Prepared(customers.insert())
_GET = Prepared(get_by_id(customers))
_GET_BY_PHONE = Prepared(select(customers).where(customers.c.phone == bindparam("phone")))
_GET_BY_REFERENCE = Prepared(
    select(customers).where(customers.c.external_reference == bindparam("reference"))
)
_UPDATE = Prepared(update_by_id(customers))
_DELETE = Prepared(delete_by_id(customers))
_LIKE_ESCAPE = "/"


def _list(present: frozenset[str]) -> Select[tuple[object, ...]]:
    statement = select(customers)
    if "phone" in present:
        statement = statement.where(customers.c.phone == bindparam("phone"))
    if "pattern" in present:
        pattern: BindParameter[str] = bindparam("pattern")
        statement = statement.where(
            or_(
                customers.c.first_name_key.like(pattern, escape=_LIKE_ESCAPE),
                customers.c.last_name_key.like(pattern, escape=_LIKE_ESCAPE),
            )
        )
    return windowed(statement, customers, present)


_LIST = Variants(_list)


def _has_orders() -> ConflictError:
    return CustomerHasOrdersError("this customer has orders and cannot be deleted")


def _prefix_pattern(prefix: str) -> str:
    escaped = prefix.casefold()
    for special in (_LIKE_ESCAPE, "%", "_"):
        escaped = escaped.replace(special, _LIKE_ESCAPE + special)
    return escaped + "%"


class SqlCustomerRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    async def add(self, customer: Customer) -> None:
        await self._transaction.execute(_INSERT, customer_values(customer))

    async def get(self, customer_id: UUID) -> Customer | None:
        return await self._one(_GET, {"id": customer_id})

    async def get_by_phone(self, phone: PhoneNumber) -> Customer | None:
        return await self._one(_GET_BY_PHONE, {"phone": phone.e164})

    async def get_by_external_reference(self, reference: str) -> Customer | None:
        return await self._one(_GET_BY_REFERENCE, {"reference": reference})

    async def update(self, customer: Customer) -> None:
        values = customer_values(customer)
        values["row_id"] = values.pop("id")
        await self._transaction.execute(_UPDATE, values)

    async def remove(self, customer_id: UUID) -> None:
        await self._transaction.execute(_DELETE, {"id": customer_id}, on_conflict=_has_orders)

    async def list(self, where: CustomerFilter, window: Window) -> list[Customer]:
        pattern = _prefix_pattern(where.name_prefix) if where.name_prefix else None
        filters = {"phone": where.phone, "pattern": pattern}
        statement, parameters = _LIST.bind(filters | window_parameters(window))
        result = await self._transaction.execute(statement, parameters)
        return [customer_from(row) for row in result]

    async def _one(self, statement: Any, parameters: dict[str, Any]) -> Customer | None:
        row = (await self._transaction.execute(statement, parameters)).first()
        return None if row is None else customer_from(row)
