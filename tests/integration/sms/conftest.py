from collections.abc import Iterator

import pytest

from adapters.clock.clocks import FixedClock
from entrypoints.container import Container, build_container
from entrypoints.settings import Settings
from tests.factories import T0
from tests.integration.sms.fake_gateway import API_KEY, USERNAME, FakeGateway, running_gateway

# Generous: on a loaded machine a short read timeout turns a slow answer into an
# uncertain send and a real duplicate. Tests of a hanging gateway shorten it themselves.
READ_TIMEOUT = 10.0


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    with running_gateway() as running:
        yield running


def gateway_settings(gateway: FakeGateway, **overrides: object) -> Settings:
    fields: dict[str, object] = {
        "database_url": "memory://",
        "sms_backend": "africastalking",
        "at_username": USERNAME,
        "at_api_key": API_KEY,
        "at_sender_id": "PURCHASE",
        "at_base_url": gateway.url,
        "at_read_timeout": READ_TIMEOUT,
        "sms_max_attempts": 5,
    }
    return Settings(**(fields | overrides))  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def container(gateway: FakeGateway, clock: FixedClock) -> Iterator[Container]:
    """The in-memory store with the real Africa's Talking adapter aimed at the fake gateway."""
    built = build_container(gateway_settings(gateway))
    with built.clock.override(clock):
        yield built
