from dataclasses import dataclass

from application.pagination import fetch_page, window_for
from domain.items import Item
from domain.pagination import Page, Window
from domain.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class ListItemsQuery:
    limit: int | None = None
    cursor: str | None = None


class ListItems:
    """List the catalogue a page at a time, oldest first."""

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, query: ListItemsQuery) -> Page[Item]:
        window = window_for(query.cursor, query.limit)

        async with self._unit_of_work(read_only=True) as uow:

            async def fetch(window: Window) -> list[Item]:
                return await uow.items.list(window)

            return await fetch_page(window, fetch)
