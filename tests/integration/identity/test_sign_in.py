from tests.integration.identity.conftest import Provider
from tests.integration.identity.flow import (
    PASSWORD,
    WRONG_PASSWORD,
    authorization_params,
    pkce_pair,
    sign_in,
)


async def test_signs_in_and_returns_to_the_authorization_request(provider: Provider) -> None:
    next_page = "/oauth/authorize?client_id=x&response_type=code"

    response = await sign_in(provider.http, "amina", next_page=next_page)

    assert response.status_code == 303
    assert response.headers["location"] == next_page
    assert "purchase_session" in provider.http.cookies


async def test_refuses_a_login_post_without_the_csrf_token(provider: Provider) -> None:
    form = {"username": "amina", "password": PASSWORD}

    response = await provider.http.post("/oauth/login", data=form)

    assert response.status_code == 403
    assert "purchase_session" not in provider.http.cookies


async def test_refuses_a_login_post_whose_csrf_token_does_not_match_the_cookie(
    provider: Provider,
) -> None:
    await provider.http.get("/oauth/login")
    form = {"username": "amina", "password": PASSWORD, "csrf_token": "forged"}

    response = await provider.http.post("/oauth/login", data=form)

    assert response.status_code == 403


async def test_refuses_a_wrong_password_without_saying_which_part_was_wrong(
    provider: Provider,
) -> None:
    wrong_password = await sign_in(provider.http, "amina", password=WRONG_PASSWORD)
    no_such_user = await sign_in(provider.http, "nobody", password=WRONG_PASSWORD)

    assert wrong_password.status_code == no_such_user.status_code == 401
    assert "Wrong username or password" in wrong_password.text
    assert "Wrong username or password" in no_such_user.text


async def test_locks_out_a_username_after_repeated_failures(provider: Provider) -> None:
    for _ in range(5):
        await sign_in(provider.http, "amina", password=WRONG_PASSWORD)

    locked = await sign_in(provider.http, "amina")

    assert locked.status_code == 429
    assert "purchase_session" not in provider.http.cookies


async def test_locks_out_an_address_trying_many_usernames(provider: Provider) -> None:
    for number in range(20):
        await sign_in(provider.http, f"someone-{number}", password=WRONG_PASSWORD)

    locked = await sign_in(provider.http, "baraka")

    assert locked.status_code == 429


async def test_ignores_a_next_page_on_another_site(provider: Provider) -> None:
    response = await sign_in(provider.http, "amina", next_page="https://evil.test/")

    assert response.status_code == 303
    assert response.headers["location"] == "/oauth/signed-in"


async def test_ignores_a_protocol_relative_next_page(provider: Provider) -> None:
    response = await sign_in(provider.http, "amina", next_page="//evil.test/oauth/authorize?")

    assert response.headers["location"] == "/oauth/signed-in"


async def test_sends_the_browser_to_login_before_consent(provider: Provider) -> None:
    _, challenge = pkce_pair()
    params = authorization_params(provider.web_app.client_id, challenge)

    response = await provider.http.get("/oauth/authorize", params=params)

    assert response.status_code == 303
    login = response.headers["location"]
    assert login.startswith("/oauth/login?next=%2Foauth%2Fauthorize%3F")
