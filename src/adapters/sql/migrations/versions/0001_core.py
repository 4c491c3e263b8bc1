"""Core schema: customers, items, orders, the notification outbox, idempotency records.

Revision ID: 0001_core
Revises:
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from adapters.sql.types import Amount, UtcTimestamp

revision: str = "0001_core"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ORDER_NUMBERS = sa.Sequence("order_number_seq", start=1)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.CreateSequence(_ORDER_NUMBERS))
    _create_customers()
    _create_items()
    _create_orders()
    _create_notifications()
    _create_idempotency_records()
    op.create_table(
        "counters",
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )


def downgrade() -> None:
    for table in ("counters", "idempotency_records", "notifications", "orders", "items"):
        op.drop_table(table)
    op.drop_table("customers")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.DropSequence(_ORDER_NUMBERS))


def _create_customers() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("first_name_key", sa.String(400), nullable=False),
        sa.Column("last_name_key", sa.String(400), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("external_reference", sa.Text(), nullable=True),
        sa.Column("created_at", UtcTimestamp(), nullable=False),
        sa.Column("updated_at", UtcTimestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("phone", name="uq_customers_phone"),
        sa.UniqueConstraint("external_reference", name="uq_customers_external_reference"),
    )
    for column in ("first_name_key", "last_name_key"):
        op.create_index(
            f"ix_customers_{column}",
            "customers",
            [column],
            postgresql_ops={column: "varchar_pattern_ops"},
        )


def _create_items() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("size", sa.String(3), nullable=True),
        sa.Column("unit_price", Amount(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_at", UtcTimestamp(), nullable=False),
        sa.Column("updated_at", UtcTimestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_items"),
        sa.CheckConstraint("size IN ('S', 'M', 'L', 'XL', 'XXL')", name="ck_items_size"),
        sa.CheckConstraint("unit_price >= 0", name="ck_items_unit_price_not_negative"),
    )


def _create_orders() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", Amount(), nullable=False),
        sa.Column("total", Amount(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("placed_at", UtcTimestamp(), nullable=False),
        sa.Column("updated_at", UtcTimestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.UniqueConstraint("number", name="uq_orders_number"),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_orders_customer_id_customers",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name="fk_orders_item_id_items", ondelete="RESTRICT"
        ),
        sa.CheckConstraint("quantity > 0", name="ck_orders_quantity_positive"),
        sa.CheckConstraint("status IN ('placed', 'cancelled')", name="ck_orders_status"),
    )
    op.create_index("ix_orders_customer_id_id", "orders", ["customer_id", "id"])
    op.create_index("ix_orders_item_id", "orders", ["item_id"])
    op.create_index("ix_orders_placed_at", "orders", ["placed_at"])


def _create_notifications() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("recipient", sa.String(20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcTimestamp(), nullable=False),
        sa.Column("claimed_until", UtcTimestamp(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("provider_message_id", sa.String(100), nullable=True),
        sa.Column("cost", sa.Text(), nullable=True),
        sa.Column("created_at", UtcTimestamp(), nullable=False),
        sa.Column("updated_at", UtcTimestamp(), nullable=False),
        sa.Column("sent_at", UtcTimestamp(), nullable=True),
        sa.Column("delivered_at", UtcTimestamp(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
        sa.UniqueConstraint("order_id", name="uq_notifications_order_id"),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name="fk_notifications_order_id_orders",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "state IN ('pending', 'sent', 'delivered', 'failed')", name="ck_notifications_state"
        ),
        sa.CheckConstraint("attempts >= 0", name="ck_notifications_attempts_not_negative"),
    )
    op.create_index(
        "ix_notifications_provider_message_id", "notifications", ["provider_message_id"]
    )
    op.create_index(
        "ix_notifications_state_next_attempt_at", "notifications", ["state", "next_attempt_at"]
    )


def _create_idempotency_records() -> None:
    op.create_table(
        "idempotency_records",
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("resource_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcTimestamp(), nullable=False),
        sa.Column("expires_at", UtcTimestamp(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_idempotency_records"),
    )
    op.create_index("ix_idempotency_records_expires_at", "idempotency_records", ["expires_at"])
