"""What the identity provider stores, and the faces authlib expects of it."""

from dataclasses import dataclass, field
from datetime import datetime

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin
from authlib.oidc.core import AuthorizationCodeMixin as OidcCodeMixin

from adapters.identity.passwords import digest_matches

PUBLIC_AUTH_METHODS = frozenset({"none"})
CONFIDENTIAL_AUTH_METHODS = frozenset({"client_secret_basic", "client_secret_post"})


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityUser:
    id: str
    username: str
    email: str | None
    is_admin: bool
    password_hash: str

    def __repr__(self) -> str:
        return f"IdentityUser(id={self.id!r}, username={self.username!r})"


@dataclass(frozen=True, kw_only=True)
class OAuthClient(ClientMixin):  # type: ignore[misc]
    client_id: str
    secret_hash: str | None = field(repr=False)
    name: str
    redirect_uris: tuple[str, ...]
    grant_types: frozenset[str]
    scopes: frozenset[str]
    created_at: datetime

    @property
    def is_public(self) -> bool:
        return self.secret_hash is None

    @property
    def client_metadata(self) -> dict[str, list[str]]:
        # After logout a client may be sent back only to one of its registered redirect URIs.
        return {"post_logout_redirect_uris": list(self.redirect_uris)}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        # Every authorization request must name its redirect URI, matched exactly.
        return None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        if not scope:
            return " ".join(sorted(self.scopes))
        requested = set(scope.split())
        # An unregistered scope refuses the request (invalid_scope) instead of trimming it.
        return " ".join(sorted(requested)) if requested <= self.scopes else None

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return digest_matches(self.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        allowed = PUBLIC_AUTH_METHODS if self.is_public else CONFIDENTIAL_AUTH_METHODS
        return method in allowed

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types


@dataclass(frozen=True, kw_only=True)
class StoredAuthorizationCode(OidcCodeMixin):  # type: ignore[misc]
    code_hash: str
    client_id: str
    user_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str
    code_challenge_method: str
    auth_time: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return int(self.auth_time.timestamp())

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


@dataclass(frozen=True, kw_only=True)
class StoredRefreshToken(TokenMixin):  # type: ignore[misc]
    token_hash: str
    family_id: str
    client_id: str
    user_id: str
    scope: str
    issued_at: datetime
    expires_at: datetime
    rotated_at: datetime | None = None
    revoked_at: datetime | None = None

    def check_client(self, client: OAuthClient) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return int((self.expires_at - self.issued_at).total_seconds())

    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self) -> bool:
        # The grant compares against the provider's clock instead (see server.py).
        return False
