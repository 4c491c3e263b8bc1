"""The authlib authorization server, built fresh for each request around its ``Turn``."""

import logging
import secrets
from typing import Any

from authlib.oauth2.rfc6749 import AuthorizationServer
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc9207 import IssuerParameter
from authlib.oidc.rpinitiated import EndSessionEndpoint
from authlib.oidc.rpinitiated.end_session import EndSessionRequest

from adapters.identity.grants import (
    CLIENT_AUTH_METHODS,
    CodeGrant,
    MachineGrant,
    OpenIdCodeFlow,
    RotatingRefreshGrant,
    S256Challenge,
)
from adapters.identity.models import IdentityUser, OAuthClient, StoredRefreshToken
from adapters.identity.passwords import digest
from adapters.identity.tokens import AccessTokenGrant, sign_access_token
from adapters.identity.turn import AuthlibRequest, ProviderAnswer, ProviderRequest, Turn

# authlib logs issued tokens at DEBUG ("Issue token %r to %r"); never let them reach a log.
logging.getLogger("authlib").setLevel(logging.INFO)

RESOURCE_SCOPES = (
    "customers:read",
    "customers:write",
    "items:read",
    "items:write",
    "orders:read",
    "orders:write",
)
SCOPES = ("openid", "profile", "email", *RESOURCE_SCOPES)


class PurchaseAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, turn: Turn) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.turn = turn
        self.register_token_generator("default", self._generate_token)
        self.register_grant(CodeGrant, [S256Challenge(required=True), OpenIdCodeFlow(turn)])
        self.register_grant(RotatingRefreshGrant)
        self.register_grant(MachineGrant)
        self.register_endpoint(RefreshTokenRevocation)
        self.register_endpoint(SessionEnd)
        self.register_extension(_issuer_parameter(turn.policy.issuer))

    def query_client(self, client_id: str) -> OAuthClient | None:
        return self.turn.store.client(client_id)

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        refresh_token = token.get("refresh_token")
        if not refresh_token:
            return
        if request.refresh_token is not None:
            family = request.refresh_token.family_id
        elif request.authorization_code is not None:
            family = request.authorization_code.code_hash
        else:
            family = secrets.token_hex(16)
        turn = self.turn
        turn.store.add_refresh_token(
            StoredRefreshToken(
                token_hash=digest(refresh_token),
                family_id=family,
                client_id=request.client.client_id,
                user_id=request.user.id,
                scope=token["scope"],
                issued_at=turn.now,
                expires_at=turn.now + turn.policy.refresh_token_lifetime,
            )
        )

    def create_oauth2_request(self, request: Any) -> AuthlibRequest:
        if isinstance(request, AuthlibRequest):
            return request
        if not isinstance(request, ProviderRequest):
            raise TypeError("the provider takes a ProviderRequest")
        return AuthlibRequest(request, self.turn.policy.issuer)

    def create_json_request(self, request: Any) -> Any:
        raise NotImplementedError("no JSON endpoints")

    def handle_response(
        self, status: int, body: Any, headers: list[tuple[str, str]]
    ) -> ProviderAnswer:
        return ProviderAnswer(status, body, list(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No listeners: outcomes are logged where they are decided."""

    def _generate_token(
        self,
        grant_type: str,
        client: OAuthClient,
        user: IdentityUser | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        turn = self.turn
        policy = turn.policy
        scopes = (scope or "").split()
        grant = AccessTokenGrant(
            subject=user.id if user else client.client_id,
            client_id=client.client_id,
            scopes=scopes,
            auth_time=turn.signed_in[1] if turn.signed_in else None,
        )
        access_token = sign_access_token(
            grant,
            key=turn.key,
            issuer=policy.issuer,
            audience=policy.audience,
            issued_at=turn.now,
            lifetime=policy.access_token_lifetime,
        )
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": access_token,
            "expires_in": int(policy.access_token_lifetime.total_seconds()),
            "scope": " ".join(scopes),
        }
        if include_refresh_token and user is not None:
            token["refresh_token"] = secrets.token_urlsafe(32)
        return token


def _issuer_parameter(issuer: str) -> IssuerParameter:
    class Issuer(IssuerParameter):  # type: ignore[misc]
        def get_issuer(self) -> str:
            return issuer

    return Issuer()


class RefreshTokenRevocation(RevocationEndpoint):  # type: ignore[misc]
    """Revoke refresh tokens and their family (RFC 7009).

    Access tokens are JWTs the API checks without the database: they stay valid until they
    expire, minutes later.
    """

    CLIENT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        return self.server.turn.store.refresh_token(digest(token_string))

    def revoke_token(self, token: StoredRefreshToken, request: Any) -> None:
        turn: Turn = self.server.turn
        turn.store.revoke_family(token.family_id, turn.now)


class SessionEnd(EndSessionEndpoint):  # type: ignore[misc]
    """RP-initiated logout: ends the browser session and the client's refresh tokens."""

    def resolve_client_from_id_token_claims(self, id_token_claims: dict[str, Any]) -> Any:
        # Our ID tokens name exactly one audience, the client, even when written as a list.
        audience = id_token_claims.get("aud")
        if isinstance(audience, list) and len(audience) == 1:
            audience = audience[0]
        return self.server.query_client(audience) if isinstance(audience, str) else None

    def get_server_jwks(self) -> dict[str, Any]:
        turn: Turn = self.server.turn
        return turn.ring.public_jwks(turn.now)

    def end_session(self, end_session_request: EndSessionRequest) -> None:
        turn: Turn = self.server.turn
        if turn.session_hash is not None:
            turn.store.end_session(turn.session_hash)
        claims = end_session_request.id_token_claims or {}
        subject = claims.get("sub") or (turn.signed_in[0].id if turn.signed_in else None)
        if subject:
            client = end_session_request.client
            turn.store.revoke_user_tokens(subject, client.client_id if client else None, turn.now)
