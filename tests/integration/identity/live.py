"""Start the real app under granian on a real socket, over a migrated SQLite file."""

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from adapters.identity.accounts import GRANT_TYPES, ClientRegistration, IdentityAdmin
from adapters.sql.migrate import upgrade_database
from entrypoints.container import build_container
from entrypoints.settings import Settings
from tests.integration import live_server
from tests.integration.identity.flow import PASSWORD, REDIRECT_URI, RegisteredApp
from tests.integration.processes import free_port

TARGET = "tests.integration.identity.live_app:create_live_app"
READY = "purchase_identity_app_ready"
STARTED = "Started worker-1"


@dataclass(frozen=True)
class LiveProvider:
    base_url: str
    issuer: str
    web_app: RegisteredApp

    @property
    def callback_uri(self) -> str:
        """A registered redirect URI that a real browser can load: a page of the provider."""
        return f"{self.issuer}/oauth/signed-in"


def prepare_database(database_url: str, issuer: str) -> RegisteredApp:
    """Migrate a new database and register the user and client the tests sign in with."""

    async def prepare() -> RegisteredApp:
        await upgrade_database(database_url)
        container = build_container(Settings(database_url=database_url))
        admin: IdentityAdmin = container.identity_admin()
        try:
            await admin.create_user("amina", PASSWORD, email="amina@example.test")
            registered = await admin.register_client(
                ClientRegistration(
                    name="Back office",
                    redirect_uris=[REDIRECT_URI, f"{issuer}/oauth/signed-in"],
                    grant_types=GRANT_TYPES,
                )
            )
        finally:
            await container.identity_database().dispose()
        return RegisteredApp(registered.client_id, registered.client_secret)

    # Its own thread: the caller may already run an event loop (playwright's sync API does).
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, prepare()).result()


@contextmanager
def running_app(database_url: str, issuer: str, port: int) -> Iterator[str]:
    """Serve the app until the block ends; yields its base URL."""
    settings = {
        "PURCHASE_DATABASE_URL": database_url,
        "PURCHASE_ISSUER": issuer,
        "PURCHASE_LOG_LEVEL": "WARNING",
    }
    # The app is built (READY), then granian reports the worker started: only then is the
    # socket accepting; before it, a fast client can be refused.
    with live_server.running_app(
        settings, target=TARGET, port=port, ready=(READY, STARTED)
    ) as server:
        yield server.base_url


@contextmanager
def live_provider(directory: Path) -> Iterator[LiveProvider]:
    database_url = f"sqlite:///{directory / 'purchase.db'}"
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    web_app = prepare_database(database_url, issuer)
    with running_app(database_url, issuer, port) as base_url:
        yield LiveProvider(base_url=base_url, issuer=issuer, web_app=web_app)
