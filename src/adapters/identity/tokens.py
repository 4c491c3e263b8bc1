"""Mint access tokens in the RFC 9068 profile: a JWT with ``typ: at+jwt``."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from joserfc import jwt

from adapters.identity.keys import SigningKey


@dataclass(frozen=True, slots=True, kw_only=True)
class AccessTokenGrant:
    """What an access token says: who, through which client, allowed to do what."""

    subject: str
    client_id: str
    scopes: Iterable[str]
    auth_time: datetime | None = None


def sign_access_token(
    grant: AccessTokenGrant,
    *,
    key: SigningKey,
    issuer: str,
    audience: str,
    issued_at: datetime,
    lifetime: timedelta,
) -> str:
    claims: dict[str, Any] = {
        "iss": issuer,
        "sub": grant.subject,
        "aud": audience,
        "client_id": grant.client_id,
        "scope": " ".join(sorted(set(grant.scopes))),
        "iat": int(issued_at.timestamp()),
        "exp": int((issued_at + lifetime).timestamp()),
        "jti": secrets.token_urlsafe(16),
    }
    if grant.auth_time is not None:
        claims["auth_time"] = int(grant.auth_time.timestamp())
    header = {"alg": key.algorithm, "kid": key.kid, "typ": "at+jwt"}
    return jwt.encode(header, claims, key.import_key(), algorithms=[key.algorithm])
