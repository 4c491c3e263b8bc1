import pytest

from application.customers.list_customers import ListCustomersQuery
from application.items.list_items import ListItemsQuery
from domain.errors import ValidationError
from entrypoints.container import Container
from tests.factories import customer_command, item_command


async def test_walks_every_customer_once_page_by_page(container: Container) -> None:
    created = [await container.create_customer()(customer_command()) for _ in range(23)]
    list_customers = container.list_customers()

    seen, cursor, pages = [], None, 0
    while True:
        page = await list_customers(ListCustomersQuery(limit=5, cursor=cursor))
        seen += [c.id for c in page.results]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break

    assert seen == sorted(c.id for c in created)
    assert pages == 5


async def test_last_full_page_has_no_next_cursor(container: Container) -> None:
    for _ in range(4):
        await container.create_item()(item_command())

    page = await container.list_items()(ListItemsQuery(limit=4))

    assert len(page.results) == 4
    assert page.next_cursor is None


@pytest.mark.parametrize("limit", [0, -1, 501])
async def test_refuses_a_limit_out_of_bounds(container: Container, limit: int) -> None:
    with pytest.raises(ValidationError) as raised:
        await container.list_items()(ListItemsQuery(limit=limit))

    assert raised.value.field_errors[0].field == "limit"


@pytest.mark.parametrize("cursor", ["!!!", "abc", "x" * 40])
async def test_refuses_a_cursor_it_did_not_issue(container: Container, cursor: str) -> None:
    with pytest.raises(ValidationError) as raised:
        await container.list_items()(ListItemsQuery(cursor=cursor))

    assert raised.value.field_errors[0].field == "cursor"
