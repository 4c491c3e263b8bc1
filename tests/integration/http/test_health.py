import httpx


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


def test_serves_an_interactive_ui_at_schema(anonymous: httpx.Client) -> None:
    response = anonymous.get("/schema")

    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
