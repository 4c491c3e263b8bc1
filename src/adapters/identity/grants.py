"""authlib grants bound to our storage: code + PKCE S256, rotating refresh tokens, machines.

Every grant reaches its request's ``Turn`` (transaction, keys, clock) through
``self.server.turn``; a fresh authorization server is built per request.
"""

import logging
import secrets
from typing import Any

from authlib.oauth2.rfc6749 import (
    AuthorizationCodeGrant,
    ClientCredentialsGrant,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    RefreshTokenGrant,
)
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo

from adapters.identity.models import (
    IdentityUser,
    OAuthClient,
    StoredAuthorizationCode,
    StoredRefreshToken,
)
from adapters.identity.passwords import digest
from adapters.identity.turn import Turn

logger = logging.getLogger(__name__)

CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]


def _turn(grant: Any) -> Turn:
    turn: Turn = grant.server.turn
    return turn


class CodeGrant(AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def save_authorization_code(self, code: str, request: Any) -> None:
        turn = _turn(self)
        data = request.payload.data
        signed_in_at = turn.signed_in[1] if turn.signed_in else turn.now
        turn.store.add_code(
            StoredAuthorizationCode(
                code_hash=digest(code),
                client_id=request.client.client_id,
                user_id=request.user.id,
                redirect_uri=request.payload.redirect_uri,
                scope=request.scope,
                nonce=data.get("nonce"),
                code_challenge=data["code_challenge"],
                code_challenge_method=data["code_challenge_method"],
                auth_time=signed_in_at,
                expires_at=turn.now + turn.policy.code_lifetime,
            )
        )

    def query_authorization_code(
        self, code: str, client: OAuthClient
    ) -> StoredAuthorizationCode | None:
        turn = _turn(self)
        stored = turn.store.code(digest(code))
        if stored is None or stored.client_id != client.client_id:
            return None
        if stored.used_at is not None:
            # RFC 6749 §4.1.2: a replayed code revokes what the first exchange issued.
            revoked = turn.store.revoke_family(stored.code_hash, turn.now)
            logger.warning(
                "authorization_code_replayed",
                extra={"client_id": client.client_id, "revoked_refresh_tokens": revoked},
            )
            return None
        if stored.expires_at <= turn.now:
            return None
        return stored

    def delete_authorization_code(self, authorization_code: StoredAuthorizationCode) -> None:
        # Kept, marked used, so that a replay can be recognised and answered.
        turn = _turn(self)
        turn.store.mark_code_used(authorization_code.code_hash, turn.now)

    def authenticate_user(self, authorization_code: StoredAuthorizationCode) -> IdentityUser | None:
        return _turn(self).store.user(authorization_code.user_id)


class S256Challenge(CodeChallenge):  # type: ignore[misc]
    """PKCE for every client, S256 only (RFC 7636, RFC 9700 §2.1.1)."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012 - authlib's class attribute

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send a code_challenge (S256).")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


class OpenIdCodeFlow(OpenIDCode):  # type: ignore[misc]
    """ID tokens for the code flow, signed with the provider's active key."""

    def __init__(self, turn: Turn) -> None:
        super().__init__(require_nonce=False)
        self.turn = turn

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        # The nonce protects the client, which compares it with the one it sent.
        return False

    def resolve_client_private_key(self, client: OAuthClient) -> dict[str, Any]:
        return self.turn.key.private_jwk

    def get_client_algorithm(self, client: OAuthClient) -> str:
        return self.turn.key.algorithm

    def get_encode_header(self, client: OAuthClient) -> dict[str, str]:
        key = self.turn.key
        return {"alg": key.algorithm, "kid": key.kid, "typ": "JWT"}

    def get_client_claims(self, client: OAuthClient) -> dict[str, Any]:
        turn = self.turn
        issued_at = int(turn.now.timestamp())
        lifetime = int(turn.policy.id_token_lifetime.total_seconds())
        return {
            "iss": turn.policy.issuer,
            "aud": [client.client_id],
            "azp": client.client_id,
            "iat": issued_at,
            "exp": issued_at + lifetime,
        }

    def generate_user_info(self, user: IdentityUser, scope: str) -> UserInfo:
        return user_claims(user, scope)


def user_claims(user: IdentityUser, scope: str) -> UserInfo:
    """The OpenID claims ``scope`` allows about ``user`` (OIDC Core §5.4)."""
    scopes = set(scope.split())
    claims = UserInfo(sub=user.id)
    if "profile" in scopes:
        claims["preferred_username"] = user.username
        claims["name"] = user.username
    if "email" in scopes and user.email:
        claims["email"] = user.email
    return claims


class RotatingRefreshGrant(RefreshTokenGrant):  # type: ignore[misc]
    """Each refresh token works once; presenting a used one revokes its whole family."""

    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def validate_token_request(self) -> None:
        client = self._validate_request_client()
        self.request.client = client
        token = self._validate_request_token(client)
        self._validate_token_scope(token)
        turn = _turn(self)
        # Claimed atomically, so two concurrent uses cannot both succeed.
        if not turn.store.claim_refresh_token(token.token_hash, turn.now):
            self._refuse_reuse(token)
        self.request.refresh_token = token

    def authenticate_refresh_token(self, refresh_token: str) -> StoredRefreshToken | None:
        turn = _turn(self)
        stored = turn.store.refresh_token(digest(refresh_token))
        if stored is None or stored.revoked_at is not None or stored.expires_at <= turn.now:
            return None
        if stored.rotated_at is not None:
            self._refuse_reuse(stored)
        return stored

    def authenticate_user(self, refresh_token: StoredRefreshToken) -> IdentityUser | None:
        return _turn(self).store.user(refresh_token.user_id)

    def revoke_old_credential(self, refresh_token: StoredRefreshToken) -> None:
        """Nothing left to do: the token was claimed during validation."""

    def _refuse_reuse(self, token: StoredRefreshToken) -> None:
        turn = _turn(self)
        revoked = turn.store.revoke_family(token.family_id, turn.now)
        logger.warning(
            "refresh_token_reused",
            extra={"client_id": token.client_id, "revoked_refresh_tokens": revoked},
        )
        raise InvalidGrantError("The refresh token was already used; its grant is revoked.")


class MachineGrant(ClientCredentialsGrant):  # type: ignore[misc]
    """client_credentials for confidential machine clients (importers); no refresh token."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]  # noqa: RUF012

    def create_token_response(self) -> tuple[int, dict[str, Any], list[tuple[str, str]]]:
        scope = self.request.client.get_allowed_scope(self.request.payload.scope)
        if scope is None:
            raise InvalidScopeError
        token = self.generate_token(scope=scope, include_refresh_token=False)
        self.save_token(token)
        return 200, token, self.TOKEN_RESPONSE_HEADER


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)
