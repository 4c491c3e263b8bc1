"""Create records through the API, with any field overridden by keyword."""

from typing import Any
from uuid import uuid4

import httpx

from tests.factories import next_phone


def unique_name() -> str:
    """A last name no other test uses, so filters see only this test's records."""
    return "T" + uuid4().hex[:12]


def customer_body(**overrides: Any) -> dict[str, Any]:
    return {"first_name": "Amina", "last_name": "Otieno", "phone": next_phone()} | overrides


def item_body(**overrides: Any) -> dict[str, Any]:
    return {"name": "Kikoi wrap", "unit_price": "1500.00", "size": "M"} | overrides


def create_customer(api: httpx.Client, **overrides: Any) -> dict[str, Any]:
    response = api.post("/api/v1/customers", json=customer_body(**overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def create_item(api: httpx.Client, **overrides: Any) -> dict[str, Any]:
    response = api.post("/api/v1/items", json=item_body(**overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def place_order(
    api: httpx.Client, customer: dict[str, Any], item: dict[str, Any], quantity: int = 2
) -> dict[str, Any]:
    body = {"customer_id": customer["id"], "item_id": item["id"], "quantity": quantity}
    response = api.post("/api/v1/orders", json=body)
    assert response.status_code == 201, response.text
    placed: dict[str, Any] = response.json()
    return placed


def collect(api: httpx.Client, path: str, params: dict[str, str | int]) -> list[str]:
    ids: list[str] = []
    cursor: str | None = None
    while True:
        page = api.get(path, params=params | ({"cursor": cursor} if cursor else {})).json()
        ids += [record["id"] for record in page["results"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids
