from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.integration.http.builders import create_customer, customer_body
from tests.integration.http.conftest import client_for, client_with_token
from tests.integration.http.tokens import mint
from tests.integration.live_server import LiveServer

PROBLEM = "application/problem+json"
MISSING = "01900000-0000-7000-8000-000000000000"


def test_returns_400_problem_for_malformed_json(api: httpx.Client) -> None:
    response = api.post(
        "/api/v1/customers",
        content=b'{"first_name": ',
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == 400


def test_returns_401_with_a_bare_bearer_challenge_without_a_token(
    anonymous: httpx.Client,
) -> None:
    response = anonymous.get("/api/v1/customers")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="purchase"'
    assert response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("not-a-jwt", id="garbage"),
        pytest.param(mint("staff", issued_at=datetime.now(UTC) - timedelta(hours=2)), id="expired"),
        pytest.param(mint("staff")[:-4] + "AAAA", id="bad-signature"),
    ],
)
def test_returns_401_naming_invalid_token_for_a_token_it_cannot_trust(
    server: LiveServer, token: str
) -> None:
    with client_with_token(server, token) as client:
        response = client.get("/api/v1/orders")

    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_returns_401_before_reading_the_body(anonymous: httpx.Client) -> None:
    response = anonymous.post("/api/v1/customers", content=b"not json")

    assert response.status_code == 401


def test_returns_403_naming_the_missing_scope(server: LiveServer) -> None:
    with client_for(server, caller="reader") as client:
        response = client.post("/api/v1/items", json={"name": "x", "unit_price": "1.00"})

    assert response.status_code == 403
    challenge = response.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge
    assert 'scope="items:write"' in challenge


def test_lets_a_reader_read(server: LiveServer) -> None:
    with client_for(server, caller="reader") as client:
        response = client.get("/api/v1/items")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(f"/api/v1/customers/{MISSING}", id="customer"),
        pytest.param(f"/api/v1/items/{MISSING}", id="item"),
        pytest.param(f"/api/v1/orders/{MISSING}", id="order"),
        pytest.param("/api/v1/customers/not-a-uuid", id="malformed-id"),
        pytest.param("/api/v1/nothing-here", id="no-route"),
    ],
)
def test_returns_404_problem_for_what_does_not_exist(api: httpx.Client, path: str) -> None:
    response = api.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_returns_413_for_a_body_over_the_limit(api: httpx.Client) -> None:
    body = b'{"first_name": "' + b"a" * (2 * 1024 * 1024) + b'"}'

    response = api.post(
        "/api/v1/customers", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413


def test_returns_415_for_a_body_that_is_not_json(api: httpx.Client) -> None:
    response = api.post(
        "/api/v1/customers", content=b"first_name=A", headers={"Content-Type": "text/plain"}
    )

    assert response.status_code == 415
    assert response.headers["content-type"] == PROBLEM


def test_returns_422_naming_unknown_fields(api: httpx.Client) -> None:
    response = api.post("/api/v1/customers", json=customer_body(nickname="Ami"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nickname"


def test_returns_422_naming_a_field_of_the_wrong_type(api: httpx.Client) -> None:
    response = api.post(
        "/api/v1/orders", json={"customer_id": MISSING, "item_id": MISSING, "quantity": "two"}
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["quantity"]


def test_returns_422_naming_the_phone_when_it_is_not_a_number(api: httpx.Client) -> None:
    response = api.post("/api/v1/customers", json=customer_body(phone="12"))

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "phone", "message": "not a valid phone number"}]


@pytest.mark.parametrize("limit", [pytest.param(0, id="zero"), pytest.param(501, id="over-500")])
def test_returns_422_for_a_limit_out_of_bounds(api: httpx.Client, limit: int) -> None:
    response = api.get("/api/v1/customers", params={"limit": limit})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def test_returns_422_for_a_cursor_this_service_did_not_issue(api: httpx.Client) -> None:
    response = api.get("/api/v1/customers", params={"cursor": "!!"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


def test_echoes_the_callers_request_id_in_problems(api: httpx.Client) -> None:
    customer = create_customer(api)

    response = api.post(
        "/api/v1/customers",
        json=customer_body(phone=customer["phone"]),
        headers={"X-Request-ID": "trace-42"},
    )

    assert response.headers["x-request-id"] == "trace-42"
    assert response.json()["request_id"] == "trace-42"


@pytest.mark.parametrize(
    "placed_from",
    [
        pytest.param("0001-01-01T00:06:01+10:36", id="before-year-1-in-utc"),
        pytest.param("9999-12-31T23:59:59-05:00", id="after-year-9999-in-utc"),
    ],
)
def test_returns_422_for_a_time_with_no_utc_form(api: httpx.Client, placed_from: str) -> None:
    response = api.get("/api/v1/orders", params={"placed_from": placed_from})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "placed_from"


def test_returns_422_for_a_nul_character_the_database_cannot_store(api: httpx.Client) -> None:
    response = api.post("/api/v1/customers", json=customer_body(first_name="Ami\u0000na"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "first_name"


def test_answers_500_with_the_request_id_and_logs_the_fault_once(
    api: httpx.Client, server: LiveServer
) -> None:
    response = api.get("/faults/unhandled", headers={"X-Request-ID": "fault-1"})

    assert response.status_code == 500
    assert response.json()["request_id"] == "fault-1"
    assert "RuntimeError" not in response.text
    server.log.wait_for("http_request", '"fault-1"')
    faults = server.log.wait_for("unhandled_error", '"fault-1"')
    assert len(faults) == 1
    assert "a fault the tests inject" in faults[0]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/api/v1/nothing-here", 404, id="no-route"),
        pytest.param("PUT", "/api/v1/customers", 405, id="wrong-method"),
    ],
)
def test_answers_and_logs_requests_no_route_matches(
    api: httpx.Client, server: LiveServer, method: str, path: str, status: int
) -> None:
    request_id = f"unrouted-{status}"

    response = api.request(method, path, headers={"X-Request-ID": request_id})

    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["request_id"] == request_id
    assert server.log.wait_for("http_request", f'"{request_id}"', f'"status":{status}')
