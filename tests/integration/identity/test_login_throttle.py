from datetime import timedelta

from adapters.clock.clocks import FixedClock
from adapters.identity.throttle import LoginThrottle


def test_locks_a_username_at_the_limit_whatever_the_address(clock: FixedClock) -> None:
    throttle = LoginThrottle(clock, per_user=3, per_address=100)
    for number in range(3):
        throttle.record_failure("Amina", f"10.0.0.{number}")

    locked = throttle.locked("amina", "10.9.9.9")

    assert locked


def test_releases_the_lock_once_the_failures_leave_the_window(clock: FixedClock) -> None:
    throttle = LoginThrottle(clock, per_user=3, window=timedelta(minutes=15))
    for _ in range(3):
        throttle.record_failure("amina", "10.0.0.1")
    clock.advance(timedelta(minutes=15))

    locked = throttle.locked("amina", "10.0.0.1")

    assert not locked


def test_a_successful_sign_in_clears_the_usernames_failures(clock: FixedClock) -> None:
    throttle = LoginThrottle(clock, per_user=3)
    for _ in range(2):
        throttle.record_failure("amina", "10.0.0.1")
    throttle.record_success("amina")

    throttle.record_failure("amina", "10.0.0.1")

    assert not throttle.locked("amina", "10.0.0.2")
