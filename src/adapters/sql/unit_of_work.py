from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Self

from adapters.sql.customers import SqlCustomerRepository
from adapters.sql.database import SqlDatabase, Transaction
from adapters.sql.idempotency import SqlIdempotencyRepository
from adapters.sql.items import SqlItemRepository
from adapters.sql.notifications import SqlNotificationRepository
from adapters.sql.orders import SqlOrderRepository
from domain.errors import ReadOnlyUnitOfWorkError
from domain.ports import (
    CustomerRepository,
    IdempotencyRepository,
    ItemRepository,
    NotificationRepository,
    OrderRepository,
)


class SqlUnitOfWork:
    """One database transaction over every repository; rolled back unless committed.

    A read-only one runs in a read-only transaction (which refuses write statements) and
    never commits.
    """

    # Declared as the ports, so mypy checks each SQL repository against its protocol.
    customers: CustomerRepository
    items: ItemRepository
    orders: OrderRepository
    notifications: NotificationRepository
    idempotency: IdempotencyRepository

    def __init__(self, database: SqlDatabase, *, read_only: bool = False) -> None:
        self._database = database
        self._read_only = read_only
        self._opened: AbstractAsyncContextManager[Transaction] | None = None
        self._transaction: Transaction | None = None

    async def __aenter__(self) -> Self:
        opened = self._database.transaction(read_only=self._read_only)
        transaction = await opened.__aenter__()
        self._opened, self._transaction = opened, transaction
        self.customers = SqlCustomerRepository(transaction)
        self.items = SqlItemRepository(transaction)
        self.orders = SqlOrderRepository(transaction)
        self.notifications = SqlNotificationRepository(transaction)
        self.idempotency = SqlIdempotencyRepository(transaction)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        opened, self._opened, self._transaction = self._opened, None, None
        if opened is not None:
            await opened.__aexit__(exc_type, exc, traceback)

    async def commit(self) -> None:
        transaction = self._require()
        if self._read_only:
            raise ReadOnlyUnitOfWorkError("a read-only unit of work cannot commit")
        await transaction.commit()

    async def rollback(self) -> None:
        await self._require().rollback()

    def _require(self) -> Transaction:
        if self._transaction is None:
            raise RuntimeError("the unit of work is used outside its `async with` block")
        return self._transaction
