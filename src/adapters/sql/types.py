"""Column types that keep money exact and timestamps aware on both engines.

SQLite has neither an exact decimal nor a timestamp type: its NUMERIC affinity turns
``"0.10"`` into a binary float, and its date functions work on text. So on SQLite money is
stored as integer minor units (cents) and timestamps as fixed-width ISO-8601 UTC text,
whose text order is their time order. PostgreSQL gets ``NUMERIC(14, 2)`` and
``TIMESTAMP WITH TIME ZONE``.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric, String, TypeDecorator
from sqlalchemy.types import TypeEngine

_CENTS_PER_UNIT = 100
_CENT = Decimal("0.01")


class UtcTimestamp(TypeDecorator[datetime]):
    """A timezone-aware instant, handed back in UTC; naive datetimes are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(32))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes cannot be stored; give them a timezone")
        moment = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return moment.isoformat(timespec="microseconds")
        return moment

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        if not isinstance(moment, datetime):
            raise TypeError(f"not a timestamp: {type(value).__name__}")
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Amount(TypeDecorator[Decimal]):
    """A money amount with two decimal places, never a float."""

    impl = Numeric(14, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(14, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return int(value.quantize(_CENT).scaleb(2))
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / _CENTS_PER_UNIT).quantize(_CENT)
        return Decimal(value).quantize(_CENT)
