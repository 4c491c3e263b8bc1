"""The catalogue: items a customer can order."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.customers import check_name
from domain.money import Money
from domain.revisions import apply_changes


class Size(StrEnum):
    S = "S"
    M = "M"
    L = "L"
    XL = "XL"
    XXL = "XXL"


@dataclass(slots=True, kw_only=True)
class Item:
    id: UUID
    name: str
    size: Size | None = None
    unit_price: Money
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        self.name = check_name("name", self.name)

    def revise(self, changes: "ItemChanges", now: datetime) -> bool:
        """Apply the changes that differ, all or none; return whether anything changed."""
        return apply_changes(self, changes, now)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemChanges:
    """A partial update: ``None`` leaves a field as it is."""

    name: str | None = None
    size: Size | None = None
    unit_price: Money | None = None
