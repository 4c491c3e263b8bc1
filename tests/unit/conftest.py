from collections.abc import Iterator

import pytest

from adapters.clock.clocks import FixedClock
from adapters.memory.sms import RecordingSmsSender
from entrypoints.container import Container, build_container
from entrypoints.settings import Settings
from tests.factories import T0


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def container(clock: FixedClock) -> Iterator[Container]:
    """A container on the in-memory adapters, its clock fixed and its SMS recorded."""
    built = build_container(Settings(database_url="memory://", sms_backend="recording"))
    with built.clock.override(clock), built.sms_sender.override(RecordingSmsSender()):
        yield built
