"""Users and client applications: what an administrator creates."""

import asyncio
import logging
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError

from adapters.identity.database import IdentityDatabase
from adapters.identity.models import IdentityUser, OAuthClient
from adapters.identity.passwords import digest, hash_password
from adapters.identity.server import SCOPES
from adapters.identity.storage import IdentityStore
from adapters.identity.tables import users
from domain.ports import Clock

logger = logging.getLogger(__name__)

GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials")
DEFAULT_GRANT_TYPES = ("authorization_code", "refresh_token")


class RegistrationError(ValueError):
    """A user or client application that cannot be registered as asked."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientRegistration:
    name: str
    redirect_uris: Sequence[str]
    public: bool = False
    grant_types: Sequence[str] = DEFAULT_GRANT_TYPES
    scopes: Sequence[str] = SCOPES


@dataclass(frozen=True, slots=True)
class RegisteredClient:
    client_id: str
    client_secret: str | None = field(repr=False)


class IdentityAdmin:
    def __init__(self, database: IdentityDatabase, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def create_user(
        self, username: str, password: str, *, email: str | None = None, is_admin: bool = False
    ) -> str:
        username = username.strip()
        if not username or len(username) > 150:
            raise RegistrationError("a username has 1 to 150 characters")
        if len(password) < 8:
            raise RegistrationError("a password has at least 8 characters")
        user = IdentityUser(
            id=str(uuid.uuid4()),
            username=username,
            email=email,
            is_admin=is_admin,
            password_hash=await asyncio.to_thread(hash_password, password),
        )
        now = self._clock.now()
        try:
            await self._database.run(lambda c: IdentityStore(c).add_user(user, now))
        except IntegrityError as error:
            raise RegistrationError(f"the username {username!r} is taken") from error
        logger.info("user_created", extra={"user_id": user.id, "is_admin": is_admin})
        return user.id

    async def register_client(self, registration: ClientRegistration) -> RegisteredClient:
        _check(registration)
        secret = None if registration.public else secrets.token_urlsafe(32)
        client = OAuthClient(
            client_id=secrets.token_urlsafe(16),
            secret_hash=None if secret is None else digest(secret),
            name=registration.name.strip(),
            redirect_uris=tuple(registration.redirect_uris),
            grant_types=frozenset(registration.grant_types),
            scopes=frozenset(registration.scopes),
            created_at=self._clock.now(),
        )
        await self._database.run(lambda c: IdentityStore(c).add_client(client))
        logger.info("client_registered", extra={"client_id": client.client_id})
        return RegisteredClient(client.client_id, secret)

    async def clients(self) -> list[OAuthClient]:
        return await self._database.run(lambda c: IdentityStore(c).all_clients())

    async def has_users(self) -> bool:
        return await self._database.run(_count_users) > 0


def _count_users(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(users)).scalar_one())


def _check(registration: ClientRegistration) -> None:
    if not registration.name.strip():
        raise RegistrationError("a client application needs a name")
    unknown_grants = set(registration.grant_types) - set(GRANT_TYPES)
    if unknown_grants:
        raise RegistrationError(f"unknown grant types: {' '.join(sorted(unknown_grants))}")
    if registration.public and "client_credentials" in registration.grant_types:
        raise RegistrationError("a public client cannot use client_credentials")
    unknown_scopes = set(registration.scopes) - set(SCOPES)
    if unknown_scopes:
        raise RegistrationError(f"unknown scopes: {' '.join(sorted(unknown_scopes))}")
    if "authorization_code" in registration.grant_types and not registration.redirect_uris:
        raise RegistrationError("the authorization_code grant needs a redirect URI")
    for uri in registration.redirect_uris:
        _check_redirect_uri(uri)


def _check_redirect_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme not in {"https", "http"} or not parts.netloc:
        raise RegistrationError(f"redirect URI {uri!r} is not an absolute http(s) URL")
    if parts.fragment:
        raise RegistrationError(f"redirect URI {uri!r} has a fragment (RFC 6749 §3.1.2)")
