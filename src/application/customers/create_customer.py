from dataclasses import dataclass
from logging import getLogger

from application.idempotency import IdempotencyKey, IdempotentRequest, create_once
from application.lookups import require_customer
from domain.customers import Customer
from domain.errors import DuplicateCustomerError
from domain.phone import DEFAULT_REGION, PhoneNumber
from domain.ports import Clock, IdSource, UnitOfWork, UnitOfWorkFactory

logger = getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateCustomerCommand:
    first_name: str
    last_name: str
    phone: str
    email: str | None = None
    external_reference: str | None = None
    idempotency: IdempotencyKey | None = None


class CreateCustomer:
    """Register a customer.

    - The phone number is stored in E.164; a number without a country code is read in
      the configured default region.
    - Phone numbers and external references are unique among customers (a conflict otherwise).
    - A retry with the same idempotency key returns the first customer.
    """

    def __init__(
        self,
        *,
        unit_of_work: UnitOfWorkFactory,
        clock: Clock,
        ids: IdSource,
        default_region: str = DEFAULT_REGION,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._ids = ids
        self._default_region = default_region

    async def __call__(self, command: CreateCustomerCommand) -> Customer:
        now = self._clock.now()
        customer = Customer(
            id=self._ids.new_id(),
            first_name=command.first_name,
            last_name=command.last_name,
            phone=PhoneNumber.parse(command.phone, self._default_region),
            email=command.email,
            external_reference=command.external_reference,
            created_at=now,
            updated_at=now,
        )

        async def create(uow: UnitOfWork) -> Customer:
            if await uow.customers.get_by_phone(customer.phone) is not None:
                raise DuplicateCustomerError("a customer with this phone number already exists")
            await uow.customers.add(customer)
            return customer

        request = IdempotentRequest.of("customers.create", command, now)
        created = await create_once(
            self._unit_of_work,
            request,
            create=create,
            load=require_customer,
            identify=lambda found: found.id,
        )
        logger.info("customer_created", extra={"customer_id": str(created.id)})
        return created
