"""The framework-neutral request and answer the provider works on, and one request's context."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request

from adapters.identity.keys import KeyRing, SigningKey
from adapters.identity.models import IdentityUser
from adapters.identity.storage import IdentityStore

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderPolicy:
    issuer: str
    audience: str
    access_token_lifetime: timedelta
    id_token_lifetime: timedelta
    refresh_token_lifetime: timedelta
    code_lifetime: timedelta


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderRequest:
    """An HTTP request as the provider needs it: no framework object crosses inward."""

    method: str
    path: str
    query: Pairs = ()
    form: Pairs = ()
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ProviderAnswer:
    status: int
    body: Any
    headers: list[tuple[str, str]]

    @property
    def location(self) -> str | None:
        return next((value for name, value in self.headers if name.lower() == "location"), None)

    @location.setter
    def location(self, value: str) -> None:
        others = [(name, old) for name, old in self.headers if name.lower() != "location"]
        self.headers = [*others, ("Location", value)]


@dataclass(slots=True, kw_only=True)
class Turn:
    """What one provider request works with: its transaction, keys, policy and moment."""

    store: IdentityStore
    ring: KeyRing
    policy: ProviderPolicy
    now: datetime
    signed_in: tuple[IdentityUser, datetime] | None = None
    session_hash: str | None = None

    @property
    def key(self) -> SigningKey:
        active = self.ring.active
        if active is None:
            raise RuntimeError("the provider has no signing key")
        return active


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, pairs: Pairs) -> None:
        self._pairs = pairs

    @property
    def data(self) -> dict[str, str]:
        first: dict[str, str] = {}
        for name, value in self._pairs:
            first.setdefault(name, value)
        return first

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        values: defaultdict[str, list[str]] = defaultdict(list)
        for name, value in self._pairs:
            values[name].append(value)
        return values


class AuthlibRequest(OAuth2Request):  # type: ignore[misc]
    def __init__(self, request: ProviderRequest, issuer: str) -> None:
        # authlib refuses plain-http URIs; the issuer is the public (TLS) address.
        super().__init__(request.method, issuer.rstrip("/") + request.path, headers=request.headers)
        self.payload = _Payload(request.query + request.form)
        self._query = request.query
        self._form = request.form

    @property
    def args(self) -> dict[str, str]:
        return dict(reversed(self._query))

    @property
    def form(self) -> dict[str, str]:
        return dict(reversed(self._form))


def policy_from_seconds(
    *,
    issuer: str,
    audience: str,
    access_token_seconds: int,
    id_token_seconds: int,
    refresh_token_seconds: int,
    authorization_code_seconds: int,
) -> ProviderPolicy:
    return ProviderPolicy(
        issuer=issuer.rstrip("/"),
        audience=audience,
        access_token_lifetime=timedelta(seconds=access_token_seconds),
        id_token_lifetime=timedelta(seconds=id_token_seconds),
        refresh_token_lifetime=timedelta(seconds=refresh_token_seconds),
        code_lifetime=timedelta(seconds=authorization_code_seconds),
    )
