"""Domain events: facts, named in the past tense."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderPlaced:
    order_id: UUID
    order_number: int
    customer_id: UUID
    placed_at: datetime
