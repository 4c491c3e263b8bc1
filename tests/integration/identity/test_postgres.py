"""The provider's storage on PostgreSQL: the paths that write in odd places."""

from collections.abc import AsyncIterator

import pytest

from adapters.clock.clocks import FixedClock
from adapters.sql.migrate import upgrade_database
from tests.integration.identity.conftest import Provider, running_provider
from tests.integration.identity.flow import (
    authorization_code,
    exchange,
    pkce_pair,
    refresh,
    sign_in,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
async def on_postgres(postgres_url: str, clock: FixedClock) -> AsyncIterator[Provider]:
    await upgrade_database(postgres_url)
    async with running_provider(postgres_url, clock) as running:
        await sign_in(running.http, "amina")
        yield running


async def _exchange(provider: Provider) -> tuple[str, str, dict[str, str]]:
    verifier, challenge = pkce_pair()
    code = await authorization_code(provider.http, provider.web_app.client_id, challenge)
    response = await exchange(provider.http, provider.web_app, code, verifier)
    assert response.status_code == 200, response.text
    return code, verifier, response.json()


async def test_runs_the_code_flow_and_rotates_refresh_tokens_on_postgresql(
    on_postgres: Provider,
) -> None:
    _, _, tokens = await _exchange(on_postgres)

    rotated = await refresh(on_postgres.http, on_postgres.web_app, tokens["refresh_token"])
    reuse = await refresh(on_postgres.http, on_postgres.web_app, tokens["refresh_token"])

    assert rotated.status_code == 200
    assert reuse.json()["error"] == "invalid_grant"
    latest = await refresh(on_postgres.http, on_postgres.web_app, rotated.json()["refresh_token"])
    assert latest.json()["error"] == "invalid_grant"


async def test_refuses_a_replayed_code_on_postgresql(on_postgres: Provider) -> None:
    code, verifier, tokens = await _exchange(on_postgres)

    replay = await exchange(on_postgres.http, on_postgres.web_app, code, verifier)

    assert replay.json()["error"] == "invalid_grant"
    after = await refresh(on_postgres.http, on_postgres.web_app, tokens["refresh_token"])
    assert after.json()["error"] == "invalid_grant"
