import httpx

from tests.integration.http.builders import (
    collect,
    create_customer,
    create_item,
    place_order,
    unique_name,
)


def test_pages_through_hundreds_of_customers_without_gaps_or_repeats(api: httpx.Client) -> None:
    surname = unique_name()
    created = [create_customer(api, last_name=surname)["id"] for _ in range(260)]

    seen = collect(api, "/api/v1/customers", {"name_prefix": surname, "limit": 50})

    assert seen == created


def test_pages_through_a_customers_orders_in_placing_order(api: httpx.Client) -> None:
    customer, item = create_customer(api), create_item(api)
    placed = [place_order(api, customer, item, quantity=1)["id"] for _ in range(120)]

    seen = collect(api, "/api/v1/orders", {"customer_id": customer["id"], "limit": 7})

    assert seen == placed


def test_defaults_to_pages_of_50(api: httpx.Client) -> None:
    surname = unique_name()
    for _ in range(51):
        create_customer(api, last_name=surname)

    page = api.get("/api/v1/customers", params={"name_prefix": surname}).json()

    assert len(page["results"]) == 50
    assert page["next_cursor"] is not None
