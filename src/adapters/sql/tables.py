"""The core schema as SQLAlchemy Core tables; migrations build exactly this.

Core tables rather than an ORM mapping: the domain's dataclasses stay free of SQLAlchemy,
rows are mapped by two small functions per aggregate (``adapters.sql.rows``), and Core
statements skip the unit-of-work bookkeeping an ORM session does on every flush.
Constraint names come from the naming convention, so errors can be mapped by name.
"""

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    Uuid,
)

from adapters.sql.types import Amount, UtcTimestamp

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# PostgreSQL numbers orders from a sequence (no lock, no contention); SQLite has no
# sequences, so it keeps the last number in ``counters`` under its single-writer lock.
order_number_sequence = Sequence("order_number_seq", metadata=metadata, start=1)

customers = Table(
    "customers",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    # Case-folded copies serve the name-prefix filter (LIKE 'prefix%') from an index.
    Column("first_name_key", String(400), nullable=False),
    Column("last_name_key", String(400), nullable=False),
    Column("phone", String(20), nullable=False, unique=True),
    Column("email", Text),
    Column("external_reference", Text, unique=True),
    Column("created_at", UtcTimestamp, nullable=False),
    Column("updated_at", UtcTimestamp, nullable=False),
    # Pattern operators, so PostgreSQL serves LIKE from the index whatever its collation.
    Index(None, "first_name_key", postgresql_ops={"first_name_key": "varchar_pattern_ops"}),
    Index(None, "last_name_key", postgresql_ops={"last_name_key": "varchar_pattern_ops"}),
)

items = Table(
    "items",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("size", String(3)),
    Column("unit_price", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UtcTimestamp, nullable=False),
    Column("updated_at", UtcTimestamp, nullable=False),
    CheckConstraint("size IN ('S', 'M', 'L', 'XL', 'XXL')", name="size"),
    CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
)

orders = Table(
    "orders",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("number", BigInteger, nullable=False, unique=True),
    Column(
        "customer_id",
        Uuid,
        ForeignKey("customers.id", ondelete="RESTRICT"),
        nullable=False,
    ),
    Column("item_id", Uuid, ForeignKey("items.id", ondelete="RESTRICT"), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Amount, nullable=False),
    Column("total", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(10), nullable=False),
    Column("placed_at", UtcTimestamp, nullable=False),
    Column("updated_at", UtcTimestamp, nullable=False),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("status IN ('placed', 'cancelled')", name="status"),
    # (customer_id, id) serves "orders of a customer" in keyset order without a sort.
    Index(None, "customer_id", "id"),
    Index(None, "item_id"),
    Index(None, "placed_at"),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Uuid, primary_key=True),
    # The outbox row lives and dies with its order (DeleteOrder removes cancelled ones).
    Column(
        "order_id",
        Uuid,
        ForeignKey("orders.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("recipient", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcTimestamp, nullable=False),
    Column("claimed_until", UtcTimestamp),
    Column("last_error", Text),
    Column("provider_message_id", String(100), index=True),
    Column("cost", Text),
    Column("created_at", UtcTimestamp, nullable=False),
    Column("updated_at", UtcTimestamp, nullable=False),
    Column("sent_at", UtcTimestamp),
    Column("delivered_at", UtcTimestamp),
    CheckConstraint("state IN ('pending', 'sent', 'delivered', 'failed')", name="state"),
    CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    # The dispatcher's claim query: pending rows in due order.
    Index(None, "state", "next_attempt_at"),
)

idempotency_records = Table(
    "idempotency_records",
    metadata,
    Column("scope", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("resource_id", Uuid, nullable=False),
    Column("created_at", UtcTimestamp, nullable=False),
    Column("expires_at", UtcTimestamp, nullable=False, index=True),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
