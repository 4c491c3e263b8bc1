import httpx

from tests.integration.http.builders import create_item, item_body


def test_returns_201_with_the_price_as_a_string_when_created(api: httpx.Client) -> None:
    body = item_body(unit_price="1500", currency="USD", size="XL")

    response = api.post("/api/v1/items", json=body)

    assert response.status_code == 201
    assert response.json()["unit_price"] == "1500.00"
    assert response.json()["currency"] == "USD"
    assert response.json()["size"] == "XL"


def test_prices_in_the_default_currency_when_none_is_given(api: httpx.Client) -> None:
    response = api.post("/api/v1/items", json=item_body())

    assert response.json()["currency"] == "KES"


def test_returns_the_item_by_id(api: httpx.Client) -> None:
    created = create_item(api)

    response = api.get(f"/api/v1/items/{created['id']}")

    assert response.json() == created


def test_changes_the_price_with_a_patch(api: httpx.Client) -> None:
    created = create_item(api, unit_price="10.00")

    response = api.patch(f"/api/v1/items/{created['id']}", json={"unit_price": "12.50"})

    assert response.status_code == 200
    assert response.json()["unit_price"] == "12.50"
    assert response.json()["name"] == created["name"]


def test_returns_204_and_forgets_a_deleted_item(api: httpx.Client) -> None:
    created = create_item(api)

    response = api.delete(f"/api/v1/items/{created['id']}")

    assert response.status_code == 204
    assert api.get(f"/api/v1/items/{created['id']}").status_code == 404


def test_lists_items_in_the_envelope(api: httpx.Client) -> None:
    create_item(api)

    response = api.get("/api/v1/items", params={"limit": 1})

    assert response.status_code == 200
    assert set(response.json()) == {"results", "next_cursor"}
    assert len(response.json()["results"]) == 1
