from dataclasses import dataclass

from application.pagination import fetch_page, window_for
from domain.notifications import Notification, NotificationState
from domain.pagination import Page, Window
from domain.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class ListNotificationsQuery:
    state: NotificationState | None = None
    limit: int | None = None
    cursor: str | None = None


class ListNotifications:
    """List order SMS a page at a time, oldest first, optionally only those in one state.

    - ``state=failed`` is the operator's work list: each entry carries its last error.
    """

    def __init__(self, *, unit_of_work: UnitOfWorkFactory) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, query: ListNotificationsQuery) -> Page[Notification]:
        window = window_for(query.cursor, query.limit)
        async with self._unit_of_work(read_only=True) as uow:

            async def fetch(window: Window) -> list[Notification]:
                return await uow.notifications.list(query.state, window)

            return await fetch_page(window, fetch)
