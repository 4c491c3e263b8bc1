import os
import time
from datetime import UTC, datetime, timedelta
from uuid import UUID


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def advance(self, by: timedelta) -> None:
        self._at += by

    def set(self, at: datetime) -> None:
        self._at = at


class Uuid7Source:
    """Time-ordered ids (RFC 9562 UUIDv7), strictly increasing within a process."""

    def __init__(self) -> None:
        self._last = 0

    def new_id(self) -> UUID:
        # 48 bits of milliseconds then 74 random bits, kept increasing, spread around the
        # version and variant bits; the spreading keeps the order.
        millis = time.time_ns() // 1_000_000
        candidate = (millis << 74) | int.from_bytes(os.urandom(10)) >> 6
        payload = max(candidate, self._last + 1)
        self._last = payload
        rand_a = (payload >> 62) & 0xFFF
        rand_b = payload & ((1 << 62) - 1)
        value = (payload >> 74) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
        return UUID(int=value)
