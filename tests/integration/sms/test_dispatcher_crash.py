"""A dispatcher process killed mid-batch: a new one finishes the job, one SMS per order."""

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from adapters.sql.migrate import upgrade_database
from entrypoints.container import Container, build_container
from tests.integration.processes import start_child, stop
from tests.integration.sms.conftest import gateway_settings
from tests.integration.sms.fake_gateway import ACCEPT, Behaviour, FakeGateway
from tests.integration.sms.orders import notification_of, place_orders

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
ORDERS = 20
SENT_BEFORE_CRASH = 5
DISPATCH = "from entrypoints.cli import main; main()"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'purchase.db'}"


@pytest.fixture
async def sqlite_container(database_url: str, gateway: FakeGateway) -> AsyncIterator[Container]:
    await upgrade_database(database_url)
    built = build_container(gateway_settings(gateway, database_url=database_url))
    yield built
    await built.database().dispose()


@contextmanager
def dispatcher_process(
    database_url: str, gateway: FakeGateway
) -> Iterator[subprocess.Popen[bytes]]:
    # A short lease (it never drops below twice connect + read, so those are short too)
    # lets the second dispatcher take over the killed one's claims within seconds; the
    # read timeout still leaves the kill seconds to land while the send hangs.
    env = os.environ | {
        "PURCHASE_DATABASE_URL": database_url,
        "PURCHASE_SMS_BACKEND": "africastalking",
        "PURCHASE_SMS_BATCH_SIZE": "10",
        "PURCHASE_SMS_POLL_SECONDS": "0.2",
        "PURCHASE_SMS_LEASE_SECONDS": "1",
        "PURCHASE_AT_CONNECT_TIMEOUT": "0.5",
        "PURCHASE_AT_READ_TIMEOUT": "3",
        "PURCHASE_LOG_LEVEL": "WARNING",
        "AT_USERNAME": gateway_settings(gateway).at_username,
        "AT_API_KEY": gateway_settings(gateway).at_api_key,
        "AT_BASE_URL": gateway.url,
    }
    command = [sys.executable, "-c", DISPATCH, "notifications", "dispatch"]
    process = start_child(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        stop(process)


async def test_a_killed_dispatcher_process_leaves_every_order_exactly_one_sms(
    sqlite_container: Container, database_url: str, gateway: FakeGateway
) -> None:
    views = await place_orders(sqlite_container, ORDERS)
    gateway.answer_next(*[ACCEPT] * SENT_BEFORE_CRASH, Behaviour(hang=True))
    with dispatcher_process(database_url, gateway) as doomed:
        assert await _wait(gateway.hung.wait)
        doomed.kill()

    gateway.release_hung()
    with dispatcher_process(database_url, gateway):
        assert await _wait(lambda: gateway.wait_for_accepted(ORDERS, timeout=60))

    numbers = [(await notification_of(sqlite_container, v)).recipient.e164 for v in views]
    assert [len(gateway.accepted_to(number)) for number in numbers] == [1] * ORDERS
    assert len(gateway.accepted) == ORDERS


async def _wait(condition: Callable[[], bool]) -> bool:
    return await asyncio.to_thread(condition)
