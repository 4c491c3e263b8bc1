"""Every endpoint of the Django app this replaces, called the way its users called it.

The original exposed customers, items and orders as REST resources: a JSON POST to
create, GET by id and as a list, PATCH to change and DELETE; an order's total was the
item's price times the quantity. Field names differ here (``phone`` for ``phone_number``,
``unit_price`` for ``price``); the behaviour is what must survive.
"""

from typing import Any

import httpx
import pytest

from tests.factories import next_phone
from tests.integration.http.builders import collect


def lifecycle(
    api: httpx.Client, resource: str, body: dict[str, Any], change: dict[str, Any]
) -> None:
    base = f"/api/v1/{resource}"
    created = api.post(base, json=body)
    record_id = created.json()["id"]
    fetched = api.get(f"{base}/{record_id}")
    listed = collect(api, base, {"limit": 500})
    changed = api.patch(f"{base}/{record_id}", json=change)
    deleted = api.delete(f"{base}/{record_id}")
    gone = api.get(f"{base}/{record_id}")

    assert [created.status_code, fetched.status_code] == [201, 200]
    assert fetched.json() == created.json()
    assert record_id in listed
    assert changed.status_code == 200
    assert all(changed.json()[name] == value for name, value in change.items())
    assert (deleted.status_code, gone.status_code) == (204, 404)


def test_customers_crud_works_as_in_the_original(api: httpx.Client) -> None:
    body = {"first_name": "Amina", "last_name": "Otieno", "phone": "0722" + next_phone()[-6:]}

    lifecycle(api, "customers", body, {"first_name": "Achieng"})


@pytest.mark.parametrize("size", ["S", "M", "L", "XL", "XXL"])
def test_items_crud_works_as_in_the_original_for_every_size(api: httpx.Client, size: str) -> None:
    body = {"name": "Kikoi wrap", "size": size, "unit_price": "1500.00"}

    lifecycle(api, "items", body, {"unit_price": "1750.00"})


def test_orders_crud_works_as_in_the_original_with_price_times_quantity(
    api: httpx.Client,
) -> None:
    customer = api.post(
        "/api/v1/customers",
        json={"first_name": "Juma", "last_name": "Mwangi", "phone": next_phone()},
    ).json()
    item = api.post("/api/v1/items", json={"name": "Kanga", "unit_price": "250.50"}).json()
    body = {"customer_id": customer["id"], "item_id": item["id"], "quantity": 4}

    created = api.post("/api/v1/orders", json=body)
    fetched = api.get(f"/api/v1/orders/{created.json()['id']}")
    changed = api.patch(f"/api/v1/orders/{created.json()['id']}", json={"quantity": 2})
    cancelled = api.post(f"/api/v1/orders/{created.json()['id']}/cancel")
    deleted = api.delete(f"/api/v1/orders/{created.json()['id']}")

    assert created.status_code == 201
    assert created.json()["total"] == "1002.00"
    assert fetched.json()["id"] == created.json()["id"]
    assert changed.json()["total"] == "501.00"
    assert cancelled.json()["status"] == "cancelled"
    assert deleted.status_code == 204
