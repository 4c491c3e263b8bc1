import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.integration.http.builders import create_customer, create_item, customer_body
from tests.integration.http.conftest import client_for
from tests.integration.live_server import LiveServer

RACERS = 8


def test_replays_the_first_customer_for_a_retried_key(api: httpx.Client) -> None:
    body = customer_body()
    headers = {"Idempotency-Key": "customer-retry-1"}

    first = api.post("/api/v1/customers", json=body, headers=headers)
    retry = api.post("/api/v1/customers", json=body, headers=headers)

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()


def test_places_one_order_for_a_retried_key(api: httpx.Client) -> None:
    customer, item = create_customer(api), create_item(api)
    body = {"customer_id": customer["id"], "item_id": item["id"], "quantity": 1}
    headers = {"Idempotency-Key": "order-retry-1"}

    first = api.post("/api/v1/orders", json=body, headers=headers)
    retry = api.post("/api/v1/orders", json=body, headers=headers)

    assert retry.status_code == 201
    assert (retry.json()["id"], retry.json()["number"]) == (
        first.json()["id"],
        first.json()["number"],
    )
    listed = api.get("/api/v1/orders", params={"customer_id": customer["id"]}).json()["results"]
    assert [order["id"] for order in listed] == [first.json()["id"]]


def test_returns_422_when_a_key_is_reused_with_another_body(api: httpx.Client) -> None:
    headers = {"Idempotency-Key": "item-reuse-1"}
    api.post("/api/v1/items", json={"name": "Kikoi", "unit_price": "1.00"}, headers=headers)

    response = api.post(
        "/api/v1/items", json={"name": "Kanga", "unit_price": "1.00"}, headers=headers
    )

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


def test_keeps_two_callers_keys_apart(api: httpx.Client, server: LiveServer) -> None:
    headers = {"Idempotency-Key": "shared-key-1"}
    mine = api.post("/api/v1/items", json={"name": "Mine", "unit_price": "1.00"}, headers=headers)

    with client_for(server, caller="other-staff") as other:
        theirs = other.post(
            "/api/v1/items", json={"name": "Theirs", "unit_price": "2.00"}, headers=headers
        )

    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine.json()["id"]


def test_places_one_order_when_retries_with_one_key_race(
    api: httpx.Client, server: LiveServer
) -> None:
    customer, item = create_customer(api), create_item(api)
    body = {"customer_id": customer["id"], "item_id": item["id"], "quantity": 1}
    start = threading.Barrier(RACERS)

    def send(_: int) -> httpx.Response:
        with client_for(server) as client:
            start.wait()
            return client.post("/api/v1/orders", json=body, headers={"Idempotency-Key": "race"})

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        responses = list(pool.map(send, range(RACERS)))

    assert {response.status_code for response in responses} == {201}
    assert len({response.json()["id"] for response in responses}) == 1
    listed = api.get("/api/v1/orders", params={"customer_id": customer["id"]}).json()["results"]
    assert len(listed) == 1
