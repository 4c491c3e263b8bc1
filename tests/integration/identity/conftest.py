import pytest

from adapters.clock.clocks import FixedClock
from tests.factories import T0


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)
