"""Several dispatcher processes against one database: every order gets exactly one SMS."""

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from adapters.sql.migrate import upgrade_database
from domain.notifications import NotificationState
from entrypoints.container import Container, build_container
from tests.integration.processes import start_child, stop
from tests.integration.sms.conftest import gateway_settings
from tests.integration.sms.fake_gateway import API_KEY, USERNAME, FakeGateway
from tests.integration.sms.orders import notification_of, place_orders

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
ORDERS = 300
DISPATCHERS = 3
DISPATCH_ONCE = "from entrypoints.cli import main; main()"


@pytest.fixture(
    params=[pytest.param("postgres", marks=pytest.mark.postgres), pytest.param("sqlite")]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'purchase.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def sql_container(database_url: str, gateway: FakeGateway) -> AsyncIterator[Container]:
    await upgrade_database(database_url)
    built = build_container(gateway_settings(gateway, database_url=database_url))
    yield built
    await built.database().dispose()


@pytest.fixture
def start_dispatcher(
    database_url: str, gateway: FakeGateway
) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    """Start `notifications dispatch --once` processes; any still running at the end are stopped."""
    env = os.environ | {
        "PURCHASE_DATABASE_URL": database_url,
        "PURCHASE_SMS_BACKEND": "africastalking",
        "PURCHASE_SMS_BATCH_SIZE": "10",
        "PURCHASE_LOG_LEVEL": "WARNING",
        "AT_USERNAME": USERNAME,
        "AT_API_KEY": API_KEY,
        "AT_BASE_URL": gateway.url,
    }
    command = [sys.executable, "-c", DISPATCH_ONCE, "notifications", "dispatch", "--once"]
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        process = start_child(command, cwd=ROOT, env=env, text=True, **pipes)
        started.append(process)
        return process

    yield start
    for process in started:
        stop(process)


async def test_several_dispatcher_processes_send_each_order_sms_exactly_once(
    sql_container: Container,
    gateway: FakeGateway,
    start_dispatcher: Callable[[], subprocess.Popen[str]],
) -> None:
    views = await place_orders(sql_container, ORDERS)

    processes = [start_dispatcher() for _ in range(DISPATCHERS)]
    outputs = [process.communicate(timeout=300) for process in processes]

    assert [process.returncode for process in processes] == [0] * DISPATCHERS, outputs
    attempted = [int(stdout.split()[0]) for stdout, _ in outputs]
    assert sum(attempted) == ORDERS
    numbers = [(await notification_of(sql_container, view)).recipient.e164 for view in views]
    assert len(gateway.accepted) == ORDERS
    assert {len(gateway.accepted_to(number)) for number in numbers} == {1}
    states = {(await notification_of(sql_container, view)).state for view in views}
    assert states == {NotificationState.SENT}
