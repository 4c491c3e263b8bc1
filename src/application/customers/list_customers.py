from dataclasses import dataclass

from application.pagination import fetch_page, window_for
from domain.customers import Customer, check_text
from domain.pagination import CustomerFilter, Page, Window
from domain.phone import DEFAULT_REGION, PhoneNumber
from domain.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class ListCustomersQuery:
    limit: int | None = None
    cursor: str | None = None
    phone: str | None = None
    name_prefix: str | None = None


class ListCustomers:
    """List customers a page at a time, oldest first.

    - Filter by exact phone number (any form the parser accepts) or by a prefix of the
      first or last name, ignoring case.
    """

    def __init__(
        self, *, unit_of_work: UnitOfWorkFactory, default_region: str = DEFAULT_REGION
    ) -> None:
        self._unit_of_work = unit_of_work
        self._default_region = default_region

    async def __call__(self, query: ListCustomersQuery) -> Page[Customer]:
        window = window_for(query.cursor, query.limit)
        phone = (
            None if query.phone is None else PhoneNumber.parse(query.phone, self._default_region)
        )
        prefix = None if query.name_prefix is None else check_text("name_prefix", query.name_prefix)
        where = CustomerFilter(phone=phone.e164 if phone else None, name_prefix=prefix)

        async with self._unit_of_work(read_only=True) as uow:

            async def fetch(window: Window) -> list[Customer]:
                return await uow.customers.list(where, window)

            return await fetch_page(window, fetch)
