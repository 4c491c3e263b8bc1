"""Signing keys: generation, the ring of keys in use, and rotation with an overlap window.

A key signs while it is the newest unretired key. After rotation it stays published in
the JWKS for ``overlap`` so that tokens it signed keep verifying until they expire.
"""

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from joserfc.jwk import ECKey, KeySet, RSAKey

SUPPORTED_ALGORITHMS = ("RS256", "ES256")


@dataclass(frozen=True, slots=True, kw_only=True)
class SigningKey:
    kid: str
    algorithm: str
    private_jwk: dict[str, Any]
    created_at: datetime
    retired_at: datetime | None = None

    def __repr__(self) -> str:
        return f"SigningKey(kid={self.kid!r}, algorithm={self.algorithm!r})"

    def public_jwk(self) -> dict[str, Any]:
        return dict(self.import_key().as_dict(private=False))

    def import_key(self) -> RSAKey | ECKey:
        if self.algorithm == "ES256":
            return ECKey.import_key(self.private_jwk)
        return RSAKey.import_key(self.private_jwk)

    def serialized(self) -> str:
        return json.dumps(self.private_jwk)

    def retire(self, at: datetime) -> "SigningKey":
        return replace(self, retired_at=at)


def generate_signing_key(now: datetime, algorithm: str = "RS256") -> SigningKey:
    if algorithm not in SUPPORTED_ALGORITHMS:
        raise ValueError(f"unsupported signing algorithm {algorithm}")
    kid = secrets.token_urlsafe(12)
    parameters: Any = {"kid": kid, "alg": algorithm, "use": "sig"}
    key: RSAKey | ECKey
    if algorithm == "ES256":
        key = ECKey.generate_key("P-256", parameters=parameters, private=True)
    else:
        key = RSAKey.generate_key(2048, parameters=parameters, private=True)
    return SigningKey(
        kid=kid,
        algorithm=algorithm,
        private_jwk=dict(key.as_dict(private=True)),
        created_at=now,
    )


class KeyRing:
    """The keys of one issuer at one moment: which one signs, which ones verify."""

    def __init__(self, keys: Iterable[SigningKey], overlap: timedelta) -> None:
        self._keys = sorted(keys, key=lambda key: key.created_at)
        self._overlap = overlap

    @property
    def active(self) -> SigningKey | None:
        unretired = [key for key in self._keys if key.retired_at is None]
        return unretired[-1] if unretired else None

    def published(self, now: datetime) -> list[SigningKey]:
        return [
            key
            for key in self._keys
            if key.retired_at is None or key.retired_at + self._overlap > now
        ]

    def public_jwks(self, now: datetime) -> dict[str, Any]:
        return {"keys": [key.public_jwk() for key in self.published(now)]}

    def verification_keys(self, now: datetime) -> KeySet:
        return KeySet([key.import_key() for key in self.published(now)])


class SigningKeyStore(Protocol):
    """Where an issuer's signing keys live between restarts."""

    async def load(self) -> list[SigningKey]:
        """Every key not yet past its overlap window, oldest first."""

    async def rotate(self, new_key: SigningKey, now: datetime) -> None:
        """Retire the active key at ``now`` and make ``new_key`` the active one, atomically."""
