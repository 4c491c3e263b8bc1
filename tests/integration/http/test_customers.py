import httpx

from tests.integration.http.builders import create_customer, customer_body, unique_name


def test_returns_201_with_the_customer_in_e164_when_created(api: httpx.Client) -> None:
    body = customer_body(phone="0712 000 111", email="amina@example.com")

    response = api.post("/api/v1/customers", json=body)

    assert response.status_code == 201
    created = response.json()
    assert created["phone"] == "+254712000111"
    assert created["email"] == "amina@example.com"
    assert response.headers["x-request-id"]


def test_returns_the_customer_by_id(api: httpx.Client) -> None:
    created = create_customer(api)

    response = api.get(f"/api/v1/customers/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created


def test_changes_only_the_fields_sent_in_a_patch(api: httpx.Client) -> None:
    created = create_customer(api, first_name="Amina")

    response = api.patch(f"/api/v1/customers/{created['id']}", json={"last_name": "Wanjiru"})

    assert response.status_code == 200
    assert response.json()["last_name"] == "Wanjiru"
    assert response.json()["first_name"] == "Amina"


def test_returns_204_and_forgets_a_deleted_customer(api: httpx.Client) -> None:
    created = create_customer(api)

    response = api.delete(f"/api/v1/customers/{created['id']}")

    assert response.status_code == 204
    assert api.get(f"/api/v1/customers/{created['id']}").status_code == 404


def test_filters_customers_by_phone_in_any_form(api: httpx.Client) -> None:
    wanted = create_customer(api, phone="+254 733 100 200")
    create_customer(api)

    response = api.get("/api/v1/customers", params={"phone": "0733100200"})

    assert [c["id"] for c in response.json()["results"]] == [wanted["id"]]


def test_filters_customers_by_name_prefix_ignoring_case(api: httpx.Client) -> None:
    surname = unique_name()
    first = create_customer(api, last_name=surname)
    second = create_customer(api, first_name=surname + "x")

    response = api.get("/api/v1/customers", params={"name_prefix": surname.lower()})

    assert [c["id"] for c in response.json()["results"]] == [first["id"], second["id"]]


def test_returns_409_when_the_phone_belongs_to_another_customer(api: httpx.Client) -> None:
    existing = create_customer(api)

    response = api.post("/api/v1/customers", json=customer_body(phone=existing["phone"]))

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_customer"
