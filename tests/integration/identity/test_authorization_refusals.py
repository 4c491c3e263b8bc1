from datetime import timedelta

import pytest

from adapters.clock.clocks import FixedClock
from tests.integration.identity.conftest import Provider
from tests.integration.identity.flow import (
    REDIRECT_URI,
    RegisteredApp,
    authorization_code,
    authorization_params,
    decide,
    exchange,
    pkce_pair,
    query_of,
    refresh,
    sign_in,
)


@pytest.fixture
async def signed_in(provider: Provider) -> Provider:
    response = await sign_in(provider.http, "amina")
    assert response.status_code == 303
    return provider


async def _tokens(provider: Provider, app: RegisteredApp | None = None) -> dict[str, str]:
    app = app or provider.web_app
    verifier, challenge = pkce_pair()
    code = await authorization_code(provider.http, app.client_id, challenge)
    response = await exchange(provider.http, app, code, verifier)
    assert response.status_code == 200, response.text
    tokens: dict[str, str] = response.json()
    return tokens


@pytest.mark.parametrize(
    "method",
    [
        pytest.param("plain", id="plain"),
        pytest.param("", id="challenge-without-method"),
        pytest.param("S512", id="unknown-method"),
    ],
)
async def test_refuses_an_authorization_request_without_s256_pkce(
    signed_in: Provider, method: str
) -> None:
    _, challenge = pkce_pair()
    params = authorization_params(
        signed_in.web_app.client_id, challenge, code_challenge_method=method
    )

    answer = await signed_in.http.get("/oauth/authorize", params=params)

    assert answer.status_code == 302
    error = query_of(answer.headers["location"])
    assert error["error"] == "invalid_request"
    assert error["state"] == "state-123"
    assert error["iss"] == "http://127.0.0.1:8000"


async def test_refuses_a_request_with_no_code_challenge_at_all(signed_in: Provider) -> None:
    params = authorization_params(signed_in.spa.client_id, None)

    answer = await signed_in.http.get("/oauth/authorize", params=params)

    assert answer.status_code == 302
    assert query_of(answer.headers["location"])["error"] == "invalid_request"


async def test_refuses_a_code_with_the_wrong_verifier(signed_in: Provider) -> None:
    _, challenge = pkce_pair()
    other_verifier, _ = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)

    response = await exchange(signed_in.http, signed_in.web_app, code, other_verifier)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_refuses_a_code_exchange_without_a_verifier(signed_in: Provider) -> None:
    _, challenge = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)

    response = await exchange(signed_in.http, signed_in.web_app, code, None)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_refuses_a_replayed_code_and_revokes_what_it_issued(signed_in: Provider) -> None:
    verifier, challenge = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)
    first = await exchange(signed_in.http, signed_in.web_app, code, verifier)

    replay = await exchange(signed_in.http, signed_in.web_app, code, verifier)

    assert first.status_code == 200
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    after = await refresh(signed_in.http, signed_in.web_app, first.json()["refresh_token"])
    assert after.json()["error"] == "invalid_grant"


async def test_shows_an_error_page_and_never_redirects_to_an_unregistered_uri(
    signed_in: Provider,
) -> None:
    _, challenge = pkce_pair()
    params = authorization_params(
        signed_in.web_app.client_id, challenge, redirect_uri="https://evil.test/steal"
    )

    answer = await signed_in.http.get("/oauth/authorize", params=params)

    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert 'href="https://evil.test' not in answer.text


async def test_refuses_a_code_exchange_with_another_redirect_uri(signed_in: Provider) -> None:
    verifier, challenge = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)

    response = await exchange(
        signed_in.http,
        signed_in.web_app,
        code,
        verifier,
        redirect_uri=REDIRECT_URI + "/other",
    )

    assert response.json()["error"] == "invalid_grant"


async def test_shows_an_error_page_for_an_unknown_client(signed_in: Provider) -> None:
    _, challenge = pkce_pair()
    params = authorization_params("no-such-client", challenge)

    answer = await signed_in.http.get("/oauth/authorize", params=params)

    assert answer.status_code == 400
    assert "invalid_client" in answer.text
    assert "location" not in answer.headers


async def test_refuses_a_token_request_from_an_unknown_client(signed_in: Provider) -> None:
    stranger = RegisteredApp("no-such-client", "whatever")

    response = await exchange(signed_in.http, stranger, "some-code", "v" * 43)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_refuses_a_wrong_client_secret(signed_in: Provider) -> None:
    verifier, challenge = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)
    impostor = RegisteredApp(signed_in.web_app.client_id, "not-the-secret")

    response = await exchange(signed_in.http, impostor, code, verifier)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_refuses_a_confidential_client_that_omits_its_secret(signed_in: Provider) -> None:
    verifier, challenge = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)
    without_secret = RegisteredApp(signed_in.web_app.client_id, None)

    response = await exchange(
        signed_in.http, without_secret, code, verifier, client_id=signed_in.web_app.client_id
    )

    assert response.json()["error"] == "invalid_client"


async def test_refuses_an_expired_code(signed_in: Provider, clock: FixedClock) -> None:
    verifier, challenge = pkce_pair()
    code = await authorization_code(signed_in.http, signed_in.web_app.client_id, challenge)
    clock.advance(timedelta(minutes=5))

    response = await exchange(signed_in.http, signed_in.web_app, code, verifier)

    assert response.json()["error"] == "invalid_grant"


async def test_answers_access_denied_when_the_user_denies(signed_in: Provider) -> None:
    _, challenge = pkce_pair()
    params = authorization_params(signed_in.web_app.client_id, challenge)

    answer = await decide(signed_in.http, params, decision="deny")

    callback = query_of(answer.headers["location"])
    assert callback["error"] == "access_denied"
    assert callback["state"] == "state-123"
    assert "code" not in callback


async def test_refuses_a_scope_the_client_was_not_registered_for(signed_in: Provider) -> None:
    _, challenge = pkce_pair()
    params = authorization_params(signed_in.machine.client_id, challenge)

    answer = await signed_in.http.get("/oauth/authorize", params=params)

    assert answer.status_code == 400
    assert "location" not in answer.headers


async def test_refuses_a_reused_refresh_token_and_revokes_its_family(signed_in: Provider) -> None:
    tokens = await _tokens(signed_in)
    rotated = await refresh(signed_in.http, signed_in.web_app, tokens["refresh_token"])

    reuse = await refresh(signed_in.http, signed_in.web_app, tokens["refresh_token"])

    assert rotated.status_code == 200
    assert reuse.json()["error"] == "invalid_grant"
    latest = await refresh(signed_in.http, signed_in.web_app, rotated.json()["refresh_token"])
    assert latest.json()["error"] == "invalid_grant"


async def test_refuses_to_widen_the_scope_on_refresh(signed_in: Provider) -> None:
    tokens = await _tokens(signed_in)

    response = await refresh(
        signed_in.http,
        signed_in.web_app,
        tokens["refresh_token"],
        scope="openid customers:read customers:write",
    )

    assert response.json()["error"] == "invalid_scope"
    still_good = await refresh(signed_in.http, signed_in.web_app, tokens["refresh_token"])
    assert still_good.status_code == 200


async def test_refuses_a_refresh_token_presented_by_another_client(signed_in: Provider) -> None:
    tokens = await _tokens(signed_in)

    response = await refresh(
        signed_in.http, signed_in.spa, tokens["refresh_token"], client_id=signed_in.spa.client_id
    )

    assert response.json()["error"] == "invalid_grant"


async def test_refuses_a_revoked_refresh_token(signed_in: Provider) -> None:
    tokens = await _tokens(signed_in)
    app = signed_in.web_app
    assert app.client_secret is not None

    revoked = await signed_in.http.post(
        "/oauth/revoke",
        data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        auth=(app.client_id, app.client_secret),
    )

    assert revoked.status_code == 200
    after = await refresh(signed_in.http, app, tokens["refresh_token"])
    assert after.json()["error"] == "invalid_grant"
