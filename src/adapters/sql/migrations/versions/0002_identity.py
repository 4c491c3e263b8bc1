"""Identity provider: users, client applications, codes, refresh tokens, sessions, keys.

The runtime table definitions live in adapters.identity.tables; adapter families do not
import each other, so this revision spells its DDL out.

Revision ID: 0002_identity
Revises: 0001_core
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_identity"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "identity_users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(150), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        _moment("created_at"),
    )
    op.create_table(
        "identity_clients",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("redirect_uris", sa.Text(), nullable=False),
        sa.Column("grant_types", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        _moment("created_at"),
    )
    _create_codes()
    _create_refresh_tokens()
    op.create_table(
        "identity_sessions",
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("identity_users.id"), nullable=False),
        _moment("created_at"),
        _moment("expires_at"),
    )
    op.create_table(
        "identity_signing_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("algorithm", sa.String(10), nullable=False),
        sa.Column("private_jwk", sa.Text(), nullable=False),
        _moment("created_at"),
        _moment("retired_at", nullable=True),
    )


def _create_codes() -> None:
    op.create_table(
        "identity_authorization_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column(
            "client_id", sa.String(64), sa.ForeignKey("identity_clients.client_id"), nullable=False
        ),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("identity_users.id"), nullable=False),
        sa.Column("redirect_uri", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("nonce", sa.Text(), nullable=True),
        sa.Column("code_challenge", sa.String(128), nullable=False),
        sa.Column("code_challenge_method", sa.String(10), nullable=False),
        _moment("auth_time"),
        _moment("expires_at"),
        _moment("used_at", nullable=True),
    )


def _create_refresh_tokens() -> None:
    op.create_table(
        "identity_refresh_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.String(64), nullable=False),
        sa.Column(
            "client_id", sa.String(64), sa.ForeignKey("identity_clients.client_id"), nullable=False
        ),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("identity_users.id"), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        _moment("issued_at"),
        _moment("expires_at"),
        _moment("rotated_at", nullable=True),
        _moment("revoked_at", nullable=True),
    )
    op.create_index(
        "ix_identity_refresh_tokens_family_id", "identity_refresh_tokens", ["family_id"]
    )


def downgrade() -> None:
    for table in (
        "identity_signing_keys",
        "identity_sessions",
        "identity_refresh_tokens",
        "identity_authorization_codes",
        "identity_clients",
        "identity_users",
    ):
        op.drop_table(table)
