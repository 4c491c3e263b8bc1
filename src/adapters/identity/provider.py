"""The OpenID provider as the HTTP layer sees it: async calls in, plain values out.

Each call opens one transaction, builds authlib's server around it (``Turn``) and runs the
synchronous authlib code inside it. Nothing from authlib or SQLAlchemy leaves this module.
"""

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc6749 import OAuth2Error
from sqlalchemy import Connection

from adapters.identity.database import IdentityDatabase
from adapters.identity.grants import user_claims
from adapters.identity.key_store import KeyRingCache
from adapters.identity.models import IdentityUser
from adapters.identity.passwords import digest, password_matches
from adapters.identity.server import PurchaseAuthorizationServer
from adapters.identity.storage import IdentityStore
from adapters.identity.throttle import LoginThrottle
from adapters.identity.turn import ProviderAnswer, ProviderPolicy, ProviderRequest, Turn
from adapters.identity.verifier import JwtAccessTokenVerifier, TrustedIssuer
from domain.errors import InsufficientScopeError, InvalidTokenError
from domain.ports import Clock

logger = logging.getLogger(__name__)

T = TypeVar("T")
SESSION_LIFETIME = timedelta(hours=8)


@dataclass(frozen=True, slots=True)
class LoginNeeded:
    """Nobody is signed in: show the login page, then come back."""


@dataclass(frozen=True, slots=True)
class ConsentNeeded:
    client_name: str
    scopes: tuple[str, ...]
    username: str


@dataclass(frozen=True, slots=True)
class AuthorizationRefused:
    """The request cannot be answered at its redirect URI (unknown client, unregistered URI)."""

    error: str
    description: str


Review = LoginNeeded | ConsentNeeded | AuthorizationRefused | ProviderAnswer


class SignInRefusedError(Exception):
    """Wrong username or password (never saying which)."""


class SignInThrottledError(Exception):
    """Too many recent failures for this username or address."""


class OpenIdProvider:
    def __init__(
        self,
        database: IdentityDatabase,
        keys: KeyRingCache,
        policy: ProviderPolicy,
        clock: Clock,
        throttle: LoginThrottle,
    ) -> None:
        self._database = database
        self._keys = keys
        self.policy = policy
        self._clock = clock
        self._throttle = throttle
        self._verifier = JwtAccessTokenVerifier(
            TrustedIssuer(issuer=policy.issuer, audiences=frozenset({policy.audience})),
            keys,
            clock,
        )

    async def jwks(self) -> dict[str, Any]:
        ring = await self._keys.ring()
        return ring.public_jwks(self._clock.now())

    async def review_authorization(self, request: ProviderRequest, session: str | None) -> Review:
        """Check an authorization request and say what the user must see next."""
        return await self._run(lambda server: _review(server, request), session)

    async def decide_authorization(
        self, request: ProviderRequest, session: str | None, *, approved: bool
    ) -> Review:
        """Answer the client: a code on approval, ``access_denied`` otherwise."""
        return await self._run(lambda server: _decide(server, request, approved=approved), session)

    async def token(self, request: ProviderRequest) -> ProviderAnswer:
        answer: ProviderAnswer = await self._run(
            lambda server: server.create_token_response(request)
        )
        return answer

    async def revoke(self, request: ProviderRequest) -> ProviderAnswer:
        answer: ProviderAnswer = await self._run(
            lambda server: server.create_endpoint_response("revocation", request)
        )
        return answer

    async def end_session(
        self, request: ProviderRequest, session: str | None
    ) -> ProviderAnswer | AuthorizationRefused | None:
        """Log out; a redirect back to the client when it was asked for and is registered."""
        return await self._run(lambda server: _end_session(server, request), session)

    async def userinfo(self, access_token: str) -> dict[str, Any]:
        principal = await self._verifier.verify(access_token)
        if not principal.has_scope("openid"):
            raise InsufficientScopeError("userinfo needs the openid scope", "openid")
        user = await self._database.run(lambda c: IdentityStore(c).user(principal.subject))
        if user is None:
            raise InvalidTokenError("the access token speaks for no user")
        return dict(user_claims(user, " ".join(principal.scopes)))

    async def signed_in_user(self, session: str | None) -> IdentityUser | None:
        if not session:
            return None
        now = self._clock.now()
        found = await self._database.run(
            lambda c: IdentityStore(c).session_user(digest(session), now)
        )
        return found[0] if found else None

    async def sign_in(self, username: str, password: str, address: str) -> str:
        """A new session token for the user; refuses bad credentials and guessing."""
        if self._throttle.locked(username, address):
            logger.warning("sign_in_throttled", extra={"address": address})
            raise SignInThrottledError
        user = await self._database.run(lambda c: IdentityStore(c).user_by_username(username))
        stored_hash = user.password_hash if user else None
        if user is None or not await asyncio.to_thread(password_matches, stored_hash, password):
            self._throttle.record_failure(username, address)
            logger.info("sign_in_failed", extra={"address": address})
            raise SignInRefusedError
        self._throttle.record_success(username)
        return await self._open_session(user)

    async def end_browser_session(self, session: str) -> None:
        await self._database.run(lambda c: IdentityStore(c).end_session(digest(session)))

    async def _open_session(self, user: IdentityUser) -> str:
        session = secrets.token_urlsafe(32)
        now = self._clock.now()
        await self._database.run(
            lambda c: IdentityStore(c).add_session(
                digest(session), user.id, now, now + SESSION_LIFETIME
            )
        )
        logger.info("signed_in", extra={"user_id": user.id})
        return session

    async def _run(
        self, work: Callable[[PurchaseAuthorizationServer], T], session: str | None = None
    ) -> T:
        ring = await self._keys.ring()
        now = self._clock.now()

        def in_transaction(connection: Connection) -> T:
            store = IdentityStore(connection)
            session_hash = digest(session) if session else None
            turn = Turn(
                store=store,
                ring=ring,
                policy=self.policy,
                now=now,
                signed_in=store.session_user(session_hash, now) if session_hash else None,
                session_hash=session_hash,
            )
            return work(PurchaseAuthorizationServer(turn))

        return await self._database.run(in_transaction)


def _review(server: PurchaseAuthorizationServer, request: ProviderRequest) -> Review:
    signed_in = server.turn.signed_in
    try:
        grant = server.get_consent_grant(request, end_user=signed_in[0] if signed_in else None)
    except OAuth2Error as error:
        return _refusal(server, error)
    if signed_in is None:
        return LoginNeeded()
    return ConsentNeeded(
        client_name=grant.client.name,
        scopes=tuple(grant.request.scope.split()),
        username=signed_in[0].username,
    )


def _decide(
    server: PurchaseAuthorizationServer, request: ProviderRequest, *, approved: bool
) -> Review:
    signed_in = server.turn.signed_in
    end_user = signed_in[0] if signed_in else None
    try:
        grant = server.get_consent_grant(request, end_user=end_user)
    except OAuth2Error as error:
        return _refusal(server, error)
    if end_user is None:
        return LoginNeeded()
    answer: ProviderAnswer = server.create_authorization_response(
        request=grant.request, grant_user=end_user if approved else None, grant=grant
    )
    logger.info(
        "authorization_decided",
        extra={"client_id": grant.client.client_id, "approved": approved},
    )
    return answer


def _refusal(server: PurchaseAuthorizationServer, error: OAuth2Error) -> Review:
    if not error.redirect_uri:
        # Unknown client or unregistered redirect URI: never redirect (no open redirector).
        return AuthorizationRefused(error.error, error.description or "")
    status, body, headers = error()
    answer = ProviderAnswer(status, body, list(headers))
    location = answer.location
    if location:
        # RFC 9207: error responses name the issuer too.
        answer.location = add_params_to_uri(location, [("iss", server.turn.policy.issuer)])
    return answer


def _end_session(
    server: PurchaseAuthorizationServer, request: ProviderRequest
) -> ProviderAnswer | AuthorizationRefused | None:
    try:
        validated = server.validate_endpoint_request("end_session", request)
    except OAuth2Error as error:
        return AuthorizationRefused(error.error, error.description or "")
    answer: ProviderAnswer | None = server.create_endpoint_response("end_session", validated)
    return answer
