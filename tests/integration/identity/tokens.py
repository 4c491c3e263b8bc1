"""Build access tokens for tests: good ones, and each kind of bad one."""

import base64
import json
from datetime import timedelta
from typing import Any

from adapters.identity.keys import SigningKey
from adapters.identity.tokens import AccessTokenGrant, sign_access_token
from tests.factories import T0

ISSUER = "http://issuer.test"
AUDIENCE = "purchase-api"


def mint(key: SigningKey, **overrides: Any) -> str:
    options: dict[str, Any] = {
        "issuer": ISSUER,
        "audience": AUDIENCE,
        "issued_at": T0,
        "lifetime": timedelta(minutes=10),
    }
    scopes = overrides.pop("scopes", ("customers:read",))
    options.update(overrides)
    grant = AccessTokenGrant(subject="user-1", client_id="client-1", scopes=scopes)
    return sign_access_token(grant, key=key, **options)


def unsigned(claims: dict[str, Any], kid: str) -> str:
    """A token with ``alg: none`` and an empty signature."""
    header = {"alg": "none", "kid": kid, "typ": "at+jwt"}
    return f"{segment(header)}.{segment(claims)}."


def with_claims(token: str, **changes: Any) -> str:
    """The token with its payload edited and its original signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    return f"{header}.{segment(claims)}.{signature}"


def segment(value: dict[str, Any]) -> str:
    """One base64url JSON part of a compact JWS."""
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
