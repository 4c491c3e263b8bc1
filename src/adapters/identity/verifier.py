"""Verify JWT access tokens (RFC 9068 profile) from cached keys, with no database read.

Keys come from a ``KeySource`` once, then again only when a token names a ``kid`` the
cache does not know, and no more often than ``refetch_interval``. A verified token is
remembered until it expires, so a client repeating its token costs one dictionary lookup.
"""

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from adapters.identity.keys import SUPPORTED_ALGORITHMS
from domain.errors import InvalidTokenError
from domain.identity import Principal
from domain.ports import Clock

logger = logging.getLogger(__name__)

ACCESS_TOKEN_TYPES = frozenset({"at+jwt", "application/at+jwt"})


class KeySource(Protocol):
    async def fetch(self) -> KeySet:
        """The issuer's current verification keys; ``InvalidTokenError`` if unreachable."""


class StaticKeySource:
    """A fixed key set, for tests and for callers that manage keys themselves."""

    def __init__(self, keys: KeySet) -> None:
        self._keys = keys

    async def fetch(self) -> KeySet:
        return self._keys


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustedIssuer:
    issuer: str
    audiences: frozenset[str]
    # Our own access tokens carry ``typ: at+jwt``; external issuers often send plain JWT.
    require_access_token_type: bool = True
    leeway: timedelta = timedelta(0)


class JwtAccessTokenVerifier:
    """A ``TokenVerifier`` for one issuer's signed JWT access tokens."""

    def __init__(
        self,
        trusted: TrustedIssuer,
        keys: KeySource,
        clock: Clock,
        refetch_interval: timedelta = timedelta(seconds=30),
        cache_size: int = 10_000,
    ) -> None:
        self._trusted = trusted
        self._source = keys
        self._clock = clock
        self._refetch_interval = refetch_interval
        self._cache_size = cache_size
        self._keys: KeySet | None = None
        self._fetched_at: datetime | None = None
        self._cache: dict[bytes, tuple[Principal, datetime]] = {}

    @property
    def issuer(self) -> str:
        return self._trusted.issuer

    async def verify(self, token: str) -> Principal:
        digest = hashlib.sha256(token.encode()).digest()
        now = self._clock.now()
        cached = self._cache.get(digest)
        if cached is not None and now < cached[1] + self._trusted.leeway:
            return cached[0]
        claims = await self._verified_claims(token, now)
        principal, expires_at = self._principal(claims, now)
        self._remember(digest, principal, expires_at, now)
        return principal

    async def _verified_claims(self, token: str, now: datetime) -> Mapping[str, Any]:
        keys = await self._current_keys(now, refresh=False)
        try:
            decoded = jwt.decode(token, keys, algorithms=list(SUPPORTED_ALGORITHMS))
        except InvalidKeyIdError:
            decoded = await self._decode_after_refetch(token, now)
        except (JoseError, ValueError, TypeError) as error:
            raise InvalidTokenError("the access token is malformed or badly signed") from error
        self._check_header(decoded.header)
        return decoded.claims

    async def _decode_after_refetch(self, token: str, now: datetime) -> jwt.Token:
        keys = await self._current_keys(now, refresh=True)
        try:
            return jwt.decode(token, keys, algorithms=list(SUPPORTED_ALGORITHMS))
        except (JoseError, ValueError, TypeError) as error:
            logger.info("token_key_unknown", extra={"issuer": self.issuer})
            raise InvalidTokenError("the access token is signed by an unknown key") from error

    async def _current_keys(self, now: datetime, *, refresh: bool) -> KeySet:
        due = self._fetched_at is None or now - self._fetched_at >= self._refetch_interval
        if self._keys is None or (refresh and due):
            self._keys = await self._source.fetch()
            self._fetched_at = now
            logger.info(
                "signing_keys_fetched", extra={"issuer": self.issuer, "count": len(self._keys.keys)}
            )
        return self._keys

    def _check_header(self, header: Mapping[str, Any]) -> None:
        if "kid" not in header:
            raise InvalidTokenError("the access token names no signing key")
        if self._trusted.require_access_token_type and header.get("typ") not in ACCESS_TOKEN_TYPES:
            raise InvalidTokenError("the token is not an access token")

    def _principal(self, claims: Mapping[str, Any], now: datetime) -> tuple[Principal, datetime]:
        check_registered_claims(claims, self._trusted, now)
        expires_at = datetime.fromtimestamp(claims["exp"], UTC)
        principal = Principal(
            subject=str(claims["sub"]),
            client_id=_client_of(claims),
            scopes=_scopes_of(claims),
            issuer=self.issuer,
        )
        return principal, expires_at

    def _remember(
        self, digest: bytes, principal: Principal, expires_at: datetime, now: datetime
    ) -> None:
        if len(self._cache) >= self._cache_size:
            self._cache = {key: entry for key, entry in self._cache.items() if entry[1] > now}
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
        self._cache[digest] = (principal, expires_at)


def check_registered_claims(
    claims: Mapping[str, Any], trusted: TrustedIssuer, now: datetime
) -> None:
    """Refuse a token for another issuer or audience, an expired one, or one not yet valid."""
    if claims.get("iss") != trusted.issuer:
        raise InvalidTokenError("the access token is from an untrusted issuer")
    audience = claims.get("aud")
    audiences = {audience} if isinstance(audience, str) else set(audience or ())
    if not audiences & trusted.audiences:
        raise InvalidTokenError("the access token is meant for another audience")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise InvalidTokenError("the access token names no subject")
    expires = claims.get("exp")
    if not isinstance(expires, int | float):
        raise InvalidTokenError("the access token has no expiry")
    if datetime.fromtimestamp(expires, UTC) + trusted.leeway <= now:
        raise InvalidTokenError("the access token has expired")
    not_before = claims.get("nbf")
    if isinstance(not_before, int | float) and (
        datetime.fromtimestamp(not_before, UTC) - trusted.leeway > now
    ):
        raise InvalidTokenError("the access token is not valid yet")


def _scopes_of(claims: Mapping[str, Any]) -> frozenset[str]:
    scope = claims.get("scope")
    if isinstance(scope, str):
        return frozenset(scope.split())
    listed = claims.get("scp")
    if isinstance(listed, list):
        return frozenset(str(entry) for entry in listed)
    if isinstance(listed, str):
        return frozenset(listed.split())
    return frozenset()


def _client_of(claims: Mapping[str, Any]) -> str | None:
    client = claims.get("client_id") or claims.get("azp")
    return str(client) if client else None


def unverified_claims(token: str) -> dict[str, Any]:
    """The payload of a compact JWS, not yet trusted: only for routing to the right issuer."""
    parts = token.split(".")
    if len(parts) != 3:  # header, payload, signature
        raise InvalidTokenError("the access token is not a JWT")
    try:
        padded = parts[1] + "=" * (-len(parts[1]) % 4)
        claims = json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError) as error:
        raise InvalidTokenError("the access token is not a JWT") from error
    if not isinstance(claims, dict):
        raise InvalidTokenError("the access token is not a JWT")
    return claims


class IssuerRoutingVerifier:
    """Send each token to the verifier of the issuer it names; refuse unknown issuers."""

    def __init__(self, verifiers: Collection[JwtAccessTokenVerifier]) -> None:
        self._by_issuer = {verifier.issuer: verifier for verifier in verifiers}

    async def verify(self, token: str) -> Principal:
        issuer = unverified_claims(token).get("iss")
        verifier = self._by_issuer.get(issuer) if isinstance(issuer, str) else None
        if verifier is None:
            raise InvalidTokenError("the access token is from an untrusted issuer")
        return await verifier.verify(token)
