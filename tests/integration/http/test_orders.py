from datetime import UTC, datetime, timedelta

import httpx

from tests.integration.http.builders import create_customer, create_item, place_order


def test_returns_201_with_prices_total_and_pending_sms_when_placed(api: httpx.Client) -> None:
    customer, item = create_customer(api), create_item(api, unit_price="1500.00")
    body = {"customer_id": customer["id"], "item_id": item["id"], "quantity": 3}

    response = api.post("/api/v1/orders", json=body)

    assert response.status_code == 201
    order = response.json()
    assert (order["unit_price"], order["total"], order["currency"]) == ("1500.00", "4500.00", "KES")
    assert order["status"] == "placed"
    assert order["notification"]["state"] == "pending"
    assert order["notification"]["attempts"] == 0


def test_keeps_the_placed_price_when_the_item_price_changes(api: httpx.Client) -> None:
    customer, item = create_customer(api), create_item(api, unit_price="100.00")
    order = place_order(api, customer, item, quantity=2)
    api.patch(f"/api/v1/items/{item['id']}", json={"unit_price": "999.00"})

    response = api.get(f"/api/v1/orders/{order['id']}")

    assert response.json()["total"] == "200.00"


def test_recomputes_the_total_from_the_placed_price_when_quantity_changes(
    api: httpx.Client,
) -> None:
    order = place_order(api, create_customer(api), create_item(api, unit_price="10.00"))

    response = api.patch(f"/api/v1/orders/{order['id']}", json={"quantity": 5})

    assert response.status_code == 200
    assert response.json()["total"] == "50.00"


def test_cancels_an_order_then_answers_409_to_a_second_cancel(api: httpx.Client) -> None:
    order = place_order(api, create_customer(api), create_item(api))

    first = api.post(f"/api/v1/orders/{order['id']}/cancel")
    second = api.post(f"/api/v1/orders/{order['id']}/cancel")

    assert first.status_code == 200
    assert first.json()["status"] == "cancelled"
    assert second.status_code == 409


def test_deletes_a_cancelled_order(api: httpx.Client) -> None:
    order = place_order(api, create_customer(api), create_item(api))
    api.post(f"/api/v1/orders/{order['id']}/cancel")

    response = api.delete(f"/api/v1/orders/{order['id']}")

    assert response.status_code == 204
    assert api.get(f"/api/v1/orders/{order['id']}").status_code == 404


def test_returns_409_when_deleting_a_placed_order(api: httpx.Client) -> None:
    order = place_order(api, create_customer(api), create_item(api))

    response = api.delete(f"/api/v1/orders/{order['id']}")

    assert response.status_code == 409


def test_returns_409_when_customer_has_orders(api: httpx.Client) -> None:
    customer = create_customer(api)
    place_order(api, customer, create_item(api))

    response = api.delete(f"/api/v1/customers/{customer['id']}")

    assert response.status_code == 409
    assert response.json()["code"] == "customer_has_orders"


def test_returns_409_when_item_has_orders(api: httpx.Client) -> None:
    item = create_item(api)
    place_order(api, create_customer(api), item)

    response = api.delete(f"/api/v1/items/{item['id']}")

    assert response.status_code == 409
    assert response.json()["code"] == "item_has_orders"


def test_filters_orders_by_customer_and_placing_time(api: httpx.Client) -> None:
    customer, item = create_customer(api), create_item(api)
    first = place_order(api, customer, item)
    second = place_order(api, customer, item)
    place_order(api, create_customer(api), item)
    until = datetime.fromisoformat(second["placed_at"]) + timedelta(microseconds=1)

    everything = api.get("/api/v1/orders", params={"customer_id": customer["id"]})
    before_second = api.get(
        "/api/v1/orders",
        params={
            "customer_id": customer["id"],
            "placed_from": first["placed_at"],
            "placed_before": second["placed_at"],
        },
    )
    until_now = api.get(
        "/api/v1/orders",
        params={"customer_id": customer["id"], "placed_before": until.astimezone(UTC).isoformat()},
    )

    assert [o["id"] for o in everything.json()["results"]] == [first["id"], second["id"]]
    assert [o["id"] for o in before_second.json()["results"]] == [first["id"]]
    assert len(until_now.json()["results"]) == 2


def test_returns_422_naming_the_field_when_the_customer_does_not_exist(api: httpx.Client) -> None:
    item = create_item(api)
    body = {
        "customer_id": "01900000-0000-7000-8000-000000000000",
        "item_id": item["id"],
        "quantity": 1,
    }

    response = api.post("/api/v1/orders", json=body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["customer_id"]
