"""Reads and writes of the identity tables, over one synchronous connection (one transaction)."""

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from adapters.identity.models import (
    IdentityUser,
    OAuthClient,
    StoredAuthorizationCode,
    StoredRefreshToken,
)
from adapters.identity.tables import (
    authorization_codes,
    clients,
    refresh_tokens,
    sessions,
    users,
)


class IdentityStore:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add_user(self, user: IdentityUser, now: datetime) -> None:
        values = {
            "id": user.id,
            "username": user.username,
            "password_hash": user.password_hash,
            "email": user.email,
            "is_admin": user.is_admin,
            "created_at": now,
        }
        self._connection.execute(insert(users).values(values))

    def user(self, user_id: str) -> IdentityUser | None:
        return _user(self._first(select(users).where(users.c.id == user_id)))

    def user_by_username(self, username: str) -> IdentityUser | None:
        return _user(self._first(select(users).where(users.c.username == username)))

    def add_client(self, client: OAuthClient) -> None:
        values = {
            "client_id": client.client_id,
            "secret_hash": client.secret_hash,
            "name": client.name,
            "redirect_uris": " ".join(client.redirect_uris),
            "grant_types": " ".join(sorted(client.grant_types)),
            "scope": " ".join(sorted(client.scopes)),
            "created_at": client.created_at,
        }
        self._connection.execute(insert(clients).values(values))

    def client(self, client_id: str) -> OAuthClient | None:
        row = self._first(select(clients).where(clients.c.client_id == client_id))
        return None if row is None else _client(row)

    def all_clients(self) -> list[OAuthClient]:
        rows = self._connection.execute(select(clients).order_by(clients.c.created_at)).all()
        return [_client(row) for row in rows]

    def add_code(self, code: StoredAuthorizationCode) -> None:
        self._connection.execute(insert(authorization_codes).values(_fields(code)))

    def code(self, code_hash: str) -> StoredAuthorizationCode | None:
        row = self._first(
            select(authorization_codes).where(authorization_codes.c.code_hash == code_hash)
        )
        return None if row is None else StoredAuthorizationCode(**row._asdict())

    def mark_code_used(self, code_hash: str, at: datetime) -> None:
        self._connection.execute(
            update(authorization_codes)
            .where(authorization_codes.c.code_hash == code_hash)
            .values(used_at=at)
        )

    def add_refresh_token(self, token: StoredRefreshToken) -> None:
        self._connection.execute(insert(refresh_tokens).values(_fields(token)))

    def refresh_token(self, token_hash: str) -> StoredRefreshToken | None:
        row = self._first(select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash))
        return None if row is None else StoredRefreshToken(**row._asdict())

    def claim_refresh_token(self, token_hash: str, at: datetime) -> bool:
        """Mark a live refresh token used; false if it was used or revoked meanwhile."""
        result = self._connection.execute(
            update(refresh_tokens)
            .where(
                refresh_tokens.c.token_hash == token_hash,
                refresh_tokens.c.rotated_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
            )
            .values(rotated_at=at)
        )
        return result.rowcount == 1

    def revoke_family(self, family_id: str, at: datetime) -> int:
        """Revoke every refresh token descended from one grant; how many were still live."""
        result = self._connection.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        return result.rowcount

    def revoke_user_tokens(self, user_id: str, client_id: str | None, at: datetime) -> None:
        where = [refresh_tokens.c.user_id == user_id, refresh_tokens.c.revoked_at.is_(None)]
        if client_id is not None:
            where.append(refresh_tokens.c.client_id == client_id)
        self._connection.execute(update(refresh_tokens).where(*where).values(revoked_at=at))

    def add_session(self, session_hash: str, user_id: str, now: datetime, until: datetime) -> None:
        values = {
            "session_hash": session_hash,
            "user_id": user_id,
            "created_at": now,
            "expires_at": until,
        }
        self._connection.execute(insert(sessions).values(values))

    def session_user(
        self, session_hash: str, now: datetime
    ) -> tuple[IdentityUser, datetime] | None:
        """The signed-in user of a live session, with the time they signed in."""
        row = self._first(select(sessions).where(sessions.c.session_hash == session_hash))
        if row is None or row.expires_at <= now:
            return None
        user = self.user(row.user_id)
        return None if user is None else (user, row.created_at)

    def end_session(self, session_hash: str) -> None:
        self._connection.execute(delete(sessions).where(sessions.c.session_hash == session_hash))

    def _first(self, statement: Any) -> Row[Any] | None:
        return self._connection.execute(statement).first()


def _fields(record: StoredAuthorizationCode | StoredRefreshToken) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def _user(row: Row[Any] | None) -> IdentityUser | None:
    if row is None:
        return None
    return IdentityUser(
        id=row.id,
        username=row.username,
        email=row.email,
        is_admin=row.is_admin,
        password_hash=row.password_hash,
    )


def _client(row: Row[Any]) -> OAuthClient:
    return OAuthClient(
        client_id=row.client_id,
        secret_hash=row.secret_hash,
        name=row.name,
        redirect_uris=tuple(row.redirect_uris.split()),
        grant_types=frozenset(row.grant_types.split()),
        scopes=frozenset(row.scope.split()),
        created_at=row.created_at,
    )
