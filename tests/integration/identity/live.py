"""Start the real app under granian on a real socket, over a migrated SQLite file."""

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from adapters.identity.accounts import GRANT_TYPES, ClientRegistration, IdentityAdmin
from adapters.sql.migrate import upgrade_database
from entrypoints.container import build_container
from entrypoints.settings import Settings
from tests.integration.identity.flow import PASSWORD, REDIRECT_URI, RegisteredApp
from tests.integration.processes import free_port, start_child, stop

ROOT = Path(__file__).resolve().parents[3]
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
    env = os.environ | {
        "PURCHASE_DATABASE_URL": database_url,
        "PURCHASE_ISSUER": issuer,
        "PURCHASE_SMS_BACKEND": "recording",
        "PURCHASE_LOG_FORMAT": "json",
        "PURCHASE_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "granian", "--interface", "asgi", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    command += ["tests.integration.identity.live_app:create_live_app"]
    process = start_child(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output: list[str] = []
    for line in process.stdout:
        output.append(line)
        # The app is built (READY), then granian reports the worker started: only then is
        # the socket accepting; before it, a fast client can be refused.
        if STARTED in line and any(READY in earlier for earlier in output):
            break
    else:
        pytest.fail(f"granian exited with {process.wait()}:\n{''.join(output)}")
    drain = threading.Thread(target=_keep_reading, args=(process.stdout, output), daemon=True)
    drain.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is not None:
            # Shown with the failing test's output: why the server went away.
            sys.stderr.write("".join(output))
        stop(process)
        drain.join(timeout=10)
        process.stdout.close()


def _keep_reading(stream: IO[str], output: list[str]) -> None:
    """Drain the child's output so a full pipe never stalls it, and keep it for failures."""
    output.extend(stream)


@contextmanager
def live_provider(directory: Path) -> Iterator[LiveProvider]:
    database_url = f"sqlite:///{directory / 'purchase.db'}"
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    web_app = prepare_database(database_url, issuer)
    with running_app(database_url, issuer, port) as base_url:
        yield LiveProvider(base_url=base_url, issuer=issuer, web_app=web_app)
