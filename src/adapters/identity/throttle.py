"""Lock out guessing: too many failed sign-ins for one username, or from one address."""

from collections import deque
from datetime import datetime, timedelta

from domain.ports import Clock

MAX_TRACKED = 100_000


class LoginThrottle:
    """Counts failures in a sliding window, in this process.

    Per process on purpose: a lockout shared through the database would let anyone lock any
    account out of every process at the cost of a few requests. Several processes multiply
    the allowance by their number, which still stops guessing at scale.
    """

    def __init__(
        self,
        clock: Clock,
        per_user: int = 5,
        per_address: int = 20,
        window: timedelta = timedelta(minutes=15),
    ) -> None:
        self._clock = clock
        self._limits = {"user": per_user, "address": per_address}
        self._window = window
        self._failures: dict[tuple[str, str], deque[datetime]] = {}

    def locked(self, username: str, address: str) -> bool:
        now = self._clock.now()
        return any(
            len(self._recent(key, now)) >= self._limits[key[0]]
            for key in (("user", username.lower()), ("address", address))
        )

    def record_failure(self, username: str, address: str) -> None:
        now = self._clock.now()
        if len(self._failures) >= MAX_TRACKED:
            self._forget_quiet(now)
        for key in (("user", username.lower()), ("address", address)):
            self._recent(key, now).append(now)

    def record_success(self, username: str) -> None:
        self._failures.pop(("user", username.lower()), None)

    def _forget_quiet(self, now: datetime) -> None:
        """Drop names and addresses with no failure left in the window (bounded memory)."""
        for key in list(self._failures):
            if not self._recent(key, now):
                del self._failures[key]

    def _recent(self, key: tuple[str, str], now: datetime) -> deque[datetime]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self._window:
            failures.popleft()
        return failures
