import base64
import hashlib
import hmac
from datetime import timedelta

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from adapters.clock.clocks import FixedClock
from adapters.identity.keys import SigningKey, generate_signing_key
from adapters.identity.verifier import (
    IssuerRoutingVerifier,
    JwtAccessTokenVerifier,
    TrustedIssuer,
)
from domain.errors import InvalidTokenError
from tests.factories import T0
from tests.integration.identity.tokens import (
    AUDIENCE,
    ISSUER,
    mint,
    segment,
    unsigned,
    with_claims,
)


class CountingKeySource:
    def __init__(self, *keys: SigningKey) -> None:
        self.keys = list(keys)
        self.fetches = 0

    async def fetch(self) -> KeySet:
        self.fetches += 1
        return KeySet([key.import_key() for key in self.keys])


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return generate_signing_key(T0)


@pytest.fixture(scope="module")
def other_key() -> SigningKey:
    return generate_signing_key(T0)


@pytest.fixture
def source(key: SigningKey) -> CountingKeySource:
    return CountingKeySource(key)


@pytest.fixture
def verifier(source: CountingKeySource, clock: FixedClock) -> JwtAccessTokenVerifier:
    trusted = TrustedIssuer(issuer=ISSUER, audiences=frozenset({AUDIENCE}))
    return JwtAccessTokenVerifier(trusted, source, clock)


async def test_accepts_a_token_it_can_verify_and_reads_its_scopes(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    token = mint(key, scopes=("orders:read", "orders:write"))

    principal = await verifier.verify(token)

    assert principal.subject == "user-1"
    assert principal.client_id == "client-1"
    assert principal.scopes == {"orders:read", "orders:write"}
    assert principal.issuer == ISSUER


async def test_fetches_keys_once_for_many_tokens(
    verifier: JwtAccessTokenVerifier, source: CountingKeySource, key: SigningKey
) -> None:
    tokens = [mint(key, scopes=(f"scope-{number}",)) for number in range(3)]

    for token in [*tokens, *tokens]:
        await verifier.verify(token)

    assert source.fetches == 1


async def test_refuses_a_token_with_alg_none(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "exp": 4_000_000_000}

    with pytest.raises(InvalidTokenError):
        await verifier.verify(unsigned(claims, key.kid))


async def test_refuses_a_token_whose_payload_was_changed_after_signing(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    forged = with_claims(mint(key), scope="customers:read customers:write")

    with pytest.raises(InvalidTokenError):
        await verifier.verify(forged)


async def test_refuses_a_token_signed_by_another_key_under_a_known_kid(
    verifier: JwtAccessTokenVerifier, key: SigningKey, other_key: SigningKey
) -> None:
    impostor = SigningKey(
        kid=key.kid,
        algorithm=other_key.algorithm,
        private_jwk={**other_key.private_jwk, "kid": key.kid},
        created_at=T0,
    )

    with pytest.raises(InvalidTokenError):
        await verifier.verify(mint(impostor))


async def test_refuses_a_token_for_another_audience(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    token = mint(key, audience="someone-else")

    with pytest.raises(InvalidTokenError, match="audience"):
        await verifier.verify(token)


async def test_refuses_a_token_from_another_issuer(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    token = mint(key, issuer="http://evil.test")

    with pytest.raises(InvalidTokenError, match="issuer"):
        await verifier.verify(token)


async def test_refuses_an_expired_token_even_after_verifying_it_once(
    verifier: JwtAccessTokenVerifier, key: SigningKey, clock: FixedClock
) -> None:
    token = mint(key, lifetime=timedelta(minutes=5))
    await verifier.verify(token)
    clock.advance(timedelta(minutes=5))

    with pytest.raises(InvalidTokenError, match="expired"):
        await verifier.verify(token)


async def test_refuses_a_token_signed_by_an_unknown_key(
    verifier: JwtAccessTokenVerifier, other_key: SigningKey
) -> None:
    token = mint(other_key)

    with pytest.raises(InvalidTokenError, match="unknown key"):
        await verifier.verify(token)


async def test_refetches_keys_for_an_unknown_kid_at_most_once_per_interval(
    verifier: JwtAccessTokenVerifier,
    source: CountingKeySource,
    key: SigningKey,
    clock: FixedClock,
) -> None:
    await verifier.verify(mint(key))
    clock.advance(timedelta(minutes=1))
    strangers = [mint(generate_signing_key(T0)) for _ in range(3)]

    for token in strangers:
        with pytest.raises(InvalidTokenError):
            await verifier.verify(token)

    assert source.fetches == 2


async def test_accepts_a_new_key_after_rotation_by_refetching(
    verifier: JwtAccessTokenVerifier,
    source: CountingKeySource,
    key: SigningKey,
    other_key: SigningKey,
    clock: FixedClock,
) -> None:
    await verifier.verify(mint(key))
    source.keys.append(other_key)
    clock.advance(timedelta(minutes=1))

    principal = await verifier.verify(mint(other_key, issued_at=clock.now()))

    assert principal.subject == "user-1"


async def test_refuses_a_jwt_that_is_not_typed_as_an_access_token(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "exp": 4_000_000_000}
    id_token_like = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key.import_key())

    with pytest.raises(InvalidTokenError, match="not an access token"):
        await verifier.verify(id_token_like)


async def test_routes_tokens_by_issuer_and_refuses_unknown_issuers(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    routing = IssuerRoutingVerifier([verifier])

    with pytest.raises(InvalidTokenError, match="untrusted issuer"):
        await routing.verify(mint(key, issuer="http://elsewhere.test"))


async def test_refuses_an_hs256_token_keyed_with_the_public_key(
    verifier: JwtAccessTokenVerifier, key: SigningKey
) -> None:
    public_pem = key.import_key().as_pem(private=False)
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "exp": 4_000_000_000}
    header = {"alg": "HS256", "kid": key.kid, "typ": "at+jwt"}
    signing_input = f"{segment(header)}.{segment(claims)}"
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    confused = f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"

    with pytest.raises(InvalidTokenError):
        await verifier.verify(confused)


async def test_accepts_an_es256_signed_token_from_a_known_key(clock: FixedClock) -> None:
    key = generate_signing_key(T0, "ES256")
    trusted = TrustedIssuer(issuer=ISSUER, audiences=frozenset({AUDIENCE}))
    verifier = JwtAccessTokenVerifier(trusted, CountingKeySource(key), clock)

    principal = await verifier.verify(mint(key))

    assert principal.subject == "user-1"
