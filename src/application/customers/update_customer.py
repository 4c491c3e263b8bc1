from dataclasses import dataclass
from logging import getLogger
from uuid import UUID

from application.lookups import require_customer
from domain.customers import Customer, CustomerChanges
from domain.errors import DuplicateCustomerError
from domain.phone import DEFAULT_REGION, PhoneNumber
from domain.ports import Clock, UnitOfWorkFactory

logger = getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateCustomerCommand:
    customer_id: UUID
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None
    external_reference: str | None = None


class UpdateCustomer:
    """Change some of a customer's details; fields left out keep their value.

    - A new phone number must not belong to another customer (a conflict).
    """

    def __init__(
        self, *, unit_of_work: UnitOfWorkFactory, clock: Clock, default_region: str = DEFAULT_REGION
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._default_region = default_region

    async def __call__(self, command: UpdateCustomerCommand) -> Customer:
        phone = (
            None
            if command.phone is None
            else PhoneNumber.parse(command.phone, self._default_region)
        )
        changes = CustomerChanges(
            first_name=command.first_name,
            last_name=command.last_name,
            phone=phone,
            email=command.email,
            external_reference=command.external_reference,
        )

        async with self._unit_of_work() as uow:
            customer = await require_customer(uow, command.customer_id)
            if phone is not None and phone != customer.phone:
                holder = await uow.customers.get_by_phone(phone)
                if holder is not None:
                    raise DuplicateCustomerError("another customer has this phone number")
            if customer.revise(changes, self._clock.now()):
                await uow.customers.update(customer)
                await uow.commit()

        logger.info("customer_updated", extra={"customer_id": str(customer.id)})
        return customer
