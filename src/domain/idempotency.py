"""Idempotency records: the first result of a request that may be retried."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class IdempotencyRecord:
    """A key (scoped to an operation and caller), the fingerprint of its request, its result."""

    scope: str
    key: str
    fingerprint: str
    resource_id: UUID
    created_at: datetime
    expires_at: datetime
