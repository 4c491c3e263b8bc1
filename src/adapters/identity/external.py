"""Trust an external OpenID provider (Keycloak, Auth0, Azure AD, Google) by issuer and audience.

Its keys are found through OpenID discovery (``/.well-known/openid-configuration`` then
``jwks_uri``) and cached by the verifier; a token naming an unknown ``kid`` triggers at most
one refetch per refetch interval, so a flood of forged tokens cannot hammer the issuer.
"""

import json
import logging
from collections.abc import Sequence
from datetime import timedelta

import httpx
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from adapters.identity.verifier import (
    IssuerRoutingVerifier,
    JwtAccessTokenVerifier,
    KeySource,
    TrustedIssuer,
)
from domain.errors import InvalidTokenError
from domain.ports import Clock

logger = logging.getLogger(__name__)

EXTERNAL_LEEWAY = timedelta(seconds=60)


class DiscoveredJwksSource:
    """The JWKS an issuer advertises in its discovery document, fetched over HTTP."""

    def __init__(self, issuer: str, timeout: float = 5.0) -> None:
        self._issuer = issuer.rstrip("/")
        self._timeout = timeout
        self._jwks_uri: str | None = None

    async def fetch(self) -> KeySet:
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                if self._jwks_uri is None:
                    self._jwks_uri = await self._discover(client)
                response = await client.get(self._jwks_uri)
                response.raise_for_status()
                return KeySet.import_key_set(response.json())
        except (httpx.HTTPError, ValueError, KeyError, JoseError) as error:
            logger.warning(
                "issuer_keys_unavailable",
                extra={"issuer": self._issuer, "error": type(error).__name__},
            )
            raise InvalidTokenError("the token issuer's keys are unavailable") from error

    async def _discover(self, client: httpx.AsyncClient) -> str:
        response = await client.get(f"{self._issuer}/.well-known/openid-configuration")
        response.raise_for_status()
        document = response.json()
        if str(document.get("issuer", "")).rstrip("/") != self._issuer:
            raise ValueError("discovery document names another issuer")
        return str(document["jwks_uri"])


def parse_trusted_issuers(text: str) -> list[tuple[str, str]]:
    """``issuer|audience`` pairs, comma separated, or a JSON list of {issuer, audience}."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        entries = json.loads(text)
        return [(str(entry["issuer"]), str(entry["audience"])) for entry in entries]
    pairs = []
    for item in text.split(","):
        issuer, separator, audience = item.strip().partition("|")
        if not separator or not issuer or not audience:
            raise ValueError(f"trusted issuer entry {item!r} is not 'issuer|audience'")
        pairs.append((issuer.strip(), audience.strip()))
    return pairs


def external_verifiers(
    pairs: Sequence[tuple[str, str]], clock: Clock
) -> list[JwtAccessTokenVerifier]:
    audiences: dict[str, set[str]] = {}
    for issuer, audience in pairs:
        audiences.setdefault(issuer, set()).add(audience)
    return [
        JwtAccessTokenVerifier(
            TrustedIssuer(
                issuer=issuer,
                audiences=frozenset(wanted),
                require_access_token_type=False,
                leeway=EXTERNAL_LEEWAY,
            ),
            DiscoveredJwksSource(issuer),
            clock,
        )
        for issuer, wanted in audiences.items()
    ]


def build_token_verifier(
    *,
    issuer: str,
    audience: str,
    keys: KeySource,
    clock: Clock,
    trusted_issuers: str = "",
) -> IssuerRoutingVerifier:
    """The API's verifier: our own issuer's tokens plus those of every trusted issuer."""
    own = JwtAccessTokenVerifier(
        TrustedIssuer(issuer=issuer.rstrip("/"), audiences=frozenset({audience})), keys, clock
    )
    return IssuerRoutingVerifier(
        [own, *external_verifiers(parse_trusted_issuers(trusted_issuers), clock)]
    )
