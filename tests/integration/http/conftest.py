import asyncio
from collections.abc import Iterator

import httpx
import pytest

from adapters.sql.migrate import upgrade_database
from tests.integration.http.tokens import mint
from tests.integration.live_server import TEST_TOKEN_SETTINGS, LiveServer, running_app
from tests.integration.postgres import PostgresServer


def start_server(database_url: str) -> Iterator[LiveServer]:
    """Run granian with the test app in a child process until the session ends."""
    with running_app({"PURCHASE_DATABASE_URL": database_url, **TEST_TOKEN_SETTINGS}) as server:
        yield server


@pytest.fixture(
    scope="session",
    params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    if request.param == "memory":
        database_url = "memory://"
    elif request.param == "sqlite":
        database_url = f"sqlite:///{tmp_path_factory.mktemp('http') / 'purchase.db'}"
    else:
        postgres: PostgresServer = request.getfixturevalue("postgres_server")
        database_url = postgres.create_database("http")
    if request.param != "memory":
        asyncio.run(upgrade_database(database_url))
    yield from start_server(database_url)


def client_for(server: LiveServer, caller: str | None = "staff") -> httpx.Client:
    """A client sending a fresh token for ``caller`` (see tokens.SCOPES), or none."""
    return client_with_token(server, mint(caller) if caller else None)


def client_with_token(server: LiveServer, token: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=10)


@pytest.fixture
def api(server: LiveServer) -> Iterator[httpx.Client]:
    with client_for(server) as client:
        yield client


@pytest.fixture
def anonymous(server: LiveServer) -> Iterator[httpx.Client]:
    with client_for(server, caller=None) as client:
        yield client
