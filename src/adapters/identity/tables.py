"""The identity provider's tables, as SQLAlchemy Core.

Secrets never sit here in the clear: passwords are argon2 hashes, client secrets, codes,
refresh tokens and session ids are SHA-256 digests of high-entropy random values. Only
the signing keys are stored whole, since the provider must sign with them.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


metadata = MetaData()

users = Table(
    "identity_users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(150), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("email", String(320)),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

clients = Table(
    "identity_clients",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("secret_hash", String(64)),
    Column("name", String(200), nullable=False),
    Column("redirect_uris", Text, nullable=False),
    Column("grant_types", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

authorization_codes = Table(
    "identity_authorization_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("client_id", String(64), ForeignKey("identity_clients.client_id"), nullable=False),
    Column("user_id", String(36), ForeignKey("identity_users.id"), nullable=False),
    Column("redirect_uri", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("nonce", Text),
    Column("code_challenge", String(128), nullable=False),
    Column("code_challenge_method", String(10), nullable=False),
    Column("auth_time", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("used_at", UtcDateTime()),
)

refresh_tokens = Table(
    "identity_refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("family_id", String(64), nullable=False),
    Column("client_id", String(64), ForeignKey("identity_clients.client_id"), nullable=False),
    Column("user_id", String(36), ForeignKey("identity_users.id"), nullable=False),
    Column("scope", Text, nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("rotated_at", UtcDateTime()),
    Column("revoked_at", UtcDateTime()),
    Index("ix_identity_refresh_tokens_family_id", "family_id"),
)

sessions = Table(
    "identity_sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("identity_users.id"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
)

signing_keys = Table(
    "identity_signing_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("algorithm", String(10), nullable=False),
    Column("private_jwk", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("retired_at", UtcDateTime()),
)
