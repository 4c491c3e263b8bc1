from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
from dependency_injector import providers

from adapters.clock.clocks import FixedClock
from adapters.identity.accounts import ClientRegistration, IdentityAdmin
from entrypoints.container import Container, build_container
from entrypoints.http.app import close_databases, create_app
from entrypoints.settings import Settings
from tests.factories import T0
from tests.integration.identity.flow import PASSWORD, REDIRECT_URI, RegisteredApp

BASE_URL = "http://127.0.0.1:8000"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@dataclass
class Provider:
    """The whole app in process (ASGI), its clock fixed, with one user and two clients."""

    container: Container
    http: httpx.AsyncClient
    web_app: RegisteredApp
    spa: RegisteredApp
    machine: RegisteredApp


@asynccontextmanager
async def running_provider(database_url: str, clock: FixedClock) -> AsyncIterator[Provider]:
    container = build_container(Settings(database_url=database_url, sms_backend="recording"))
    container.clock.override(providers.Object(clock))
    try:
        web_app, spa, machine = await _register_people_and_apps(container.identity_admin())
        transport = httpx.ASGITransport(app=create_app(container))  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
            yield Provider(
                container=container, http=http, web_app=web_app, spa=spa, machine=machine
            )
    finally:
        await close_databases(container)


async def _register_people_and_apps(
    admin: IdentityAdmin,
) -> tuple[RegisteredApp, RegisteredApp, RegisteredApp]:
    await admin.create_user("amina", PASSWORD, email="amina@example.test", is_admin=True)
    await admin.create_user("baraka", PASSWORD)
    web_app = await admin.register_client(
        ClientRegistration(name="Shop back office", redirect_uris=[REDIRECT_URI])
    )
    spa = await admin.register_client(
        ClientRegistration(name="Shop app", redirect_uris=[REDIRECT_URI], public=True)
    )
    machine = await admin.register_client(
        ClientRegistration(
            name="Importer",
            redirect_uris=[],
            grant_types=["client_credentials"],
            scopes=["customers:read", "customers:write", "items:read"],
        )
    )
    return (
        RegisteredApp(web_app.client_id, web_app.client_secret),
        RegisteredApp(spa.client_id, None),
        RegisteredApp(machine.client_id, machine.client_secret),
    )


@pytest.fixture
async def provider(clock: FixedClock) -> AsyncIterator[Provider]:
    async with running_provider("memory://", clock) as running:
        yield running
