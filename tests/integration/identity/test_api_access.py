from datetime import timedelta

import httpx

from adapters.clock.clocks import FixedClock
from adapters.identity.keys import generate_signing_key
from tests.integration.identity.conftest import BASE_URL, Provider
from tests.integration.identity.flow import (
    REDIRECT_URI,
    RegisteredApp,
    authorization_code,
    exchange,
    pkce_pair,
    sign_in,
)
from tests.integration.identity.tokens import mint, segment, with_claims


async def _user_tokens(provider: Provider) -> dict[str, str]:
    await sign_in(provider.http, "amina")
    verifier, challenge = pkce_pair()
    code = await authorization_code(provider.http, provider.web_app.client_id, challenge)
    response = await exchange(provider.http, provider.web_app, code, verifier)
    tokens: dict[str, str] = response.json()
    return tokens


async def _machine_token(provider: Provider, scope: str) -> httpx.Response:
    machine = provider.machine
    assert machine.client_secret is not None
    return await provider.http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "scope": scope},
        auth=(machine.client_id, machine.client_secret),
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_lets_a_user_token_read_the_resources_it_has_scopes_for(provider: Provider) -> None:
    tokens = await _user_tokens(provider)

    response = await provider.http.get("/api/v1/customers", headers=_bearer(tokens["access_token"]))

    assert response.status_code == 200
    assert response.json()["results"] == []


async def test_returns_401_with_a_bearer_challenge_without_a_token(provider: Provider) -> None:
    response = await provider.http.get("/api/v1/customers")

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_returns_401_for_an_expired_access_token(
    provider: Provider, clock: FixedClock
) -> None:
    tokens = await _user_tokens(provider)
    clock.advance(timedelta(minutes=10))

    response = await provider.http.get("/api/v1/customers", headers=_bearer(tokens["access_token"]))

    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_returns_403_insufficient_scope_for_a_scope_the_token_lacks(
    provider: Provider,
) -> None:
    tokens = await _user_tokens(provider)

    response = await provider.http.post(
        "/api/v1/items",
        json={"name": "Kikoi", "unit_price": "1500.00"},
        headers=_bearer(tokens["access_token"]),
    )

    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["www-authenticate"]


async def test_issues_a_machine_token_limited_to_what_it_asked_for(provider: Provider) -> None:
    issued = await _machine_token(provider, "customers:read")

    token = issued.json()["access_token"]
    reading = await provider.http.get("/api/v1/customers", headers=_bearer(token))
    writing = await provider.http.post(
        "/api/v1/customers",
        json={"first_name": "Amina", "last_name": "Otieno", "phone": "0712345678"},
        headers=_bearer(token),
    )

    assert issued.status_code == 200
    assert "refresh_token" not in issued.json()
    assert reading.status_code == 200
    assert writing.status_code == 403


async def test_refuses_a_machine_token_for_a_scope_the_client_was_not_registered_for(
    provider: Provider,
) -> None:
    response = await _machine_token(provider, "orders:write")

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_refuses_client_credentials_to_a_public_client(provider: Provider) -> None:
    response = await provider.http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": provider.spa.client_id},
    )

    assert response.json()["error"] in {"invalid_client", "unauthorized_client"}


async def test_userinfo_returns_the_claims_the_scopes_allow(provider: Provider) -> None:
    tokens = await _user_tokens(provider)

    response = await provider.http.get("/oauth/userinfo", headers=_bearer(tokens["access_token"]))

    assert response.status_code == 200
    claims = response.json()
    assert claims["preferred_username"] == "amina"
    assert claims["email"] == "amina@example.test"
    assert claims["sub"]


async def test_userinfo_refuses_a_token_without_openid(provider: Provider) -> None:
    machine = await _machine_token(provider, "customers:read")

    response = await provider.http.get(
        "/oauth/userinfo", headers=_bearer(machine.json()["access_token"])
    )

    assert response.status_code == 403


async def test_userinfo_refuses_a_missing_token(provider: Provider) -> None:
    response = await provider.http.get("/oauth/userinfo")

    assert response.status_code == 401


async def test_logout_with_an_id_token_ends_the_session_and_returns_to_the_client(
    provider: Provider,
) -> None:
    tokens = await _user_tokens(provider)
    params = {
        "id_token_hint": tokens["id_token"],
        "post_logout_redirect_uri": REDIRECT_URI,
        "state": "bye",
    }

    response = await provider.http.get("/oauth/logout", params=params)

    assert response.status_code == 302
    assert response.headers["location"] == f"{REDIRECT_URI}?state=bye"
    assert "purchase_session" not in provider.http.cookies
    after = await provider.http.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=_basic(provider.web_app),
    )
    assert after.json()["error"] == "invalid_grant"


async def test_logout_never_redirects_to_an_unregistered_uri(provider: Provider) -> None:
    tokens = await _user_tokens(provider)
    params = {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "https://evil.test"}

    response = await provider.http.get("/oauth/logout", params=params)

    assert response.status_code == 200
    assert "location" not in response.headers


async def test_logout_without_an_id_token_asks_first_and_needs_the_csrf_token(
    provider: Provider,
) -> None:
    await sign_in(provider.http, "amina")

    question = await provider.http.get("/oauth/logout")
    forged = await provider.http.post("/oauth/logout", data={})
    confirmed = await provider.http.post(
        "/oauth/logout", data={"csrf_token": provider.http.cookies["purchase_csrf"]}
    )

    assert question.status_code == 200
    assert "Sign out?" in question.text
    assert forged.status_code == 403
    assert confirmed.status_code == 200
    assert "purchase_session" not in provider.http.cookies


def _basic(app: RegisteredApp) -> tuple[str, str]:
    assert app.client_secret is not None
    return app.client_id, app.client_secret


async def test_returns_401_for_an_unsigned_token(provider: Provider) -> None:
    tokens = await _user_tokens(provider)
    _, payload, _ = tokens["access_token"].split(".")
    unsigned_header = segment({"alg": "none", "typ": "at+jwt"})

    response = await provider.http.get(
        "/api/v1/customers", headers=_bearer(f"{unsigned_header}.{payload}.")
    )

    assert response.status_code == 401


async def test_returns_401_for_a_token_whose_scopes_were_edited(provider: Provider) -> None:
    tokens = await _user_tokens(provider)
    forged = with_claims(tokens["access_token"], scope="customers:read customers:write")

    response = await provider.http.post(
        "/api/v1/customers",
        json={"first_name": "Amina", "last_name": "Otieno", "phone": "0712345678"},
        headers=_bearer(forged),
    )

    assert response.status_code == 401


async def test_returns_401_for_a_token_signed_by_a_key_the_provider_never_had(
    provider: Provider, clock: FixedClock
) -> None:
    stranger = generate_signing_key(clock.now())
    token = mint(stranger, issuer=BASE_URL, issued_at=clock.now())

    response = await provider.http.get("/api/v1/customers", headers=_bearer(token))

    assert response.status_code == 401


async def test_logout_refuses_an_id_token_hint_it_did_not_sign(
    provider: Provider, clock: FixedClock
) -> None:
    stranger = generate_signing_key(clock.now())
    params = {
        "id_token_hint": mint(stranger, issuer=BASE_URL, issued_at=clock.now()),
        "post_logout_redirect_uri": REDIRECT_URI,
    }

    response = await provider.http.get("/oauth/logout", params=params)

    assert response.status_code == 400
    assert "location" not in response.headers
