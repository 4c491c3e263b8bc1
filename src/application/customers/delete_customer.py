from logging import getLogger
from uuid import UUID

from application.lookups import require_customer
from domain.errors import CustomerHasOrdersError
from domain.ports import UnitOfWorkFactory

logger = getLogger(__name__)


class DeleteCustomer:
    """Delete a customer.

    - A customer who has orders cannot be deleted (a conflict): their orders keep them.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, customer_id: UUID) -> None:
        async with self._unit_of_work() as uow:
            await require_customer(uow, customer_id)
            if await uow.orders.exists_for_customer(customer_id):
                raise CustomerHasOrdersError("this customer has orders and cannot be deleted")
            await uow.customers.remove(customer_id)
            await uow.commit()

        logger.info("customer_deleted", extra={"customer_id": str(customer_id)})
