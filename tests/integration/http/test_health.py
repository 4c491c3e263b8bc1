import httpx
import pytest


def test_answers_live_without_a_token(anonymous: httpx.Client) -> None:
    response = anonymous.get("/health/live")

    assert response.json() == {"status": "ok"}


def test_answers_ready_when_the_database_answers(anonymous: httpx.Client) -> None:
    response = anonymous.get("/health/ready")

    assert response.status_code == 200


def test_serves_openapi_3_1_at_schema(anonymous: httpx.Client) -> None:
    response = anonymous.get("/schema/openapi.json")

    assert response.json()["openapi"].startswith("3.1")
    assert "/api/v1/orders/{order_id}/cancel" in response.json()["paths"]


@pytest.mark.parametrize("path", ["/schema", "/schema/swagger"])
def test_serves_an_interactive_ui(anonymous: httpx.Client, path: str) -> None:
    response = anonymous.get(path)

    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


def test_describes_operations_with_the_use_cases_rules(anonymous: httpx.Client) -> None:
    response = anonymous.get("/schema/openapi.json")

    create_order = response.json()["paths"]["/api/v1/orders"]["post"]
    assert "written to the outbox in the same transaction" in create_order["description"]
