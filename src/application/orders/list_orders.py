from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.orders.views import OrderView
from application.pagination import fetch_page, window_for
from domain.errors import ValidationError
from domain.orders import Order
from domain.pagination import OrderFilter, Page, Window
from domain.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOrdersQuery:
    limit: int | None = None
    cursor: str | None = None
    customer_id: UUID | None = None
    placed_from: datetime | None = None
    placed_before: datetime | None = None


class ListOrders:
    """List orders a page at a time, oldest first.

    - Filter by customer and by the time the order was placed: from ``placed_from``
      (inclusive) to ``placed_before`` (exclusive).
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, query: ListOrdersQuery) -> Page[OrderView]:
        window = window_for(query.cursor, query.limit)
        if query.placed_from and query.placed_before and query.placed_from >= query.placed_before:
            raise ValidationError.for_field("placed_before", "must be later than placed_from")
        where = OrderFilter(
            customer_id=query.customer_id,
            placed_from=query.placed_from,
            placed_before=query.placed_before,
        )

        async with self._unit_of_work(read_only=True) as uow:

            async def fetch(window: Window) -> list[Order]:
                return await uow.orders.list(where, window)

            page = await fetch_page(window, fetch)
            notifications = await uow.notifications.for_orders([o.id for o in page.results])
        views = [OrderView(order=o, notification=notifications.get(o.id)) for o in page.results]
        return Page(results=views, next_cursor=page.next_cursor)
