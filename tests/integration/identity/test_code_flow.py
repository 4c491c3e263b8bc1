from joserfc import jwt
from joserfc.jwk import KeySet

from tests.integration.identity.conftest import BASE_URL, Provider
from tests.integration.identity.flow import (
    authorization_params,
    decide,
    exchange,
    pkce_pair,
    query_of,
    sign_in,
)


async def test_signs_in_consents_and_exchanges_a_code_for_tokens(provider: Provider) -> None:
    http = provider.http
    await sign_in(http, "amina")
    verifier, challenge = pkce_pair()
    answer = await decide(http, authorization_params(provider.web_app.client_id, challenge))
    callback = query_of(answer.headers["location"])

    tokens = await exchange(http, provider.web_app, callback["code"], verifier)

    assert answer.headers["location"].startswith("http://client.test/callback?")
    assert callback["state"] == "state-123"
    assert callback["iss"] == BASE_URL
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    assert set(body) >= {"access_token", "refresh_token", "id_token", "expires_in"}
    keys = KeySet.import_key_set((await http.get("/.well-known/jwks.json")).json())
    id_token = jwt.decode(body["id_token"], keys, algorithms=["RS256"])
    assert id_token.claims["nonce"] == "nonce-456"
    assert id_token.claims["aud"] == [provider.web_app.client_id]
    assert id_token.claims["iss"] == BASE_URL
