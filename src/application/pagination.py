"""Opaque cursors over keyset windows."""

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar
from uuid import UUID

from domain.errors import ValidationError
from domain.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, Window


class Identified(Protocol):
    @property
    def id(self) -> UUID: ...


T = TypeVar("T", bound=Identified)


def encode_cursor(last_id: UUID) -> str:
    return base64.urlsafe_b64encode(last_id.bytes).decode().rstrip("=")


def decode_cursor(cursor: str) -> UUID:
    try:
        return UUID(bytes=base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error) as error:
        raise ValidationError.for_field("cursor", "not a cursor this service issued") from error


def window_for(cursor: str | None, limit: int | None) -> Window:
    limit = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError.for_field("limit", f"must be between 1 and {MAX_LIMIT}")
    after = None if cursor is None else decode_cursor(cursor)
    return Window(after=after, limit=limit)


async def fetch_page(window: Window, fetch: Callable[[Window], Awaitable[list[T]]]) -> Page[T]:
    """Fetch one record more than asked, to know whether another page follows."""
    rows = await fetch(Window(after=window.after, limit=window.limit + 1))
    results = rows[: window.limit]
    more = len(rows) > window.limit
    return Page(results=results, next_cursor=encode_cursor(results[-1].id) if more else None)
