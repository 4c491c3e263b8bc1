"""The records every row needs: a customer, an item, an order, and 10,000 customers to list."""

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

CONCURRENCY = 16


@dataclass(frozen=True)
class Fixtures:
    token: str
    customer_id: str
    item_id: str
    order_id: str


def prepare(base_url: str, token: str) -> Fixtures:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        customer = _created(client, "/api/v1/customers", _customer("+254733000001"))
        item = _created(client, "/api/v1/items", {"name": "Kikoi wrap", "unit_price": "1500.00"})
        order = _created(
            client,
            "/api/v1/orders",
            {"customer_id": customer, "item_id": item, "quantity": 1},
        )
    return Fixtures(token=token, customer_id=customer, item_id=item, order_id=order)


async def top_up_customers(base_url: str, token: str, wanted: int) -> None:
    """Create customers until ``wanted`` are stored (the customer rows already made some)."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
        stored = await _count(client)
        numbers = iter(range(wanted - stored))

        async def worker() -> None:
            for n in numbers:
                response = await client.post("/api/v1/customers", json=_customer(f"+25472{n:07d}"))
                response.raise_for_status()

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


async def _count(client: httpx.AsyncClient) -> int:
    stored, cursor = 0, None
    while True:
        params = {"limit": 500} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/api/v1/customers", params=params)).json()
        stored += len(page["results"])
        cursor = page["next_cursor"]
        if cursor is None:
            return stored


def _customer(phone: str) -> dict[str, str]:
    return {"first_name": "Bench", "last_name": "Customer", "phone": phone}


def _created(client: httpx.Client, path: str, body: Mapping[str, object]) -> str:
    response = client.post(path, json=body)
    response.raise_for_status()
    created: str = response.json()["id"]
    return created
