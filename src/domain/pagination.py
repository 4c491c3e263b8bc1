"""Keyset pagination and list filters shared by every repository."""

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """Up to ``limit`` records with an id greater than ``after``, in ascending id order."""

    after: UUID | None = None
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Generic[T]):
    results: list[T]
    next_cursor: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerFilter:
    phone: str | None = None
    name_prefix: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderFilter:
    customer_id: UUID | None = None
    placed_from: datetime | None = None
    placed_before: datetime | None = None
