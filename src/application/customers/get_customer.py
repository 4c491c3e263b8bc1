from uuid import UUID

from application.lookups import require_customer
from domain.customers import Customer
from domain.ports import UnitOfWorkFactory


class GetCustomer:
    """Read one customer by id (not found when there is none)."""

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, customer_id: UUID) -> Customer:
        async with self._unit_of_work(read_only=True) as uow:
            return await require_customer(uow, customer_id)
