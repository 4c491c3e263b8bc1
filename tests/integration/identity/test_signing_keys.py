import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest

from adapters.clock.clocks import FixedClock
from adapters.identity.database import IdentityDatabase, open_identity_database
from adapters.identity.external import build_token_verifier
from adapters.identity.key_store import KeyRingCache, SqlSigningKeyStore
from adapters.identity.keys import KeyRing, generate_signing_key
from tests.integration.identity.tokens import AUDIENCE, ISSUER, mint

OVERLAP = timedelta(hours=1)
Start = Callable[[str], Awaitable[tuple[SqlSigningKeyStore, KeyRingCache]]]


@pytest.fixture
async def start(clock: FixedClock) -> AsyncIterator[Start]:
    opened: list[IdentityDatabase] = []

    async def open_store(database_url: str) -> tuple[SqlSigningKeyStore, KeyRingCache]:
        database = open_identity_database(database_url)
        opened.append(database)
        await database.create_tables()
        store = SqlSigningKeyStore(database, OVERLAP)
        return store, KeyRingCache(store, OVERLAP, clock)

    yield open_store
    for database in opened:
        await database.dispose()


async def test_a_token_signed_before_a_restart_verifies_after_it(
    tmp_path: Path, clock: FixedClock, start: Start
) -> None:
    url = f"sqlite:///{tmp_path / 'identity.db'}"
    _, before = await start(url)
    active = (await before.ring()).active
    assert active is not None
    token = mint(active, issued_at=clock.now())
    _, after = await start(url)
    verifier = build_token_verifier(issuer=ISSUER, audience=AUDIENCE, keys=after, clock=clock)

    principal = await verifier.verify(token)

    assert principal.subject == "user-1"


async def test_rotation_keeps_the_old_key_published_for_the_overlap_only(
    clock: FixedClock, start: Start
) -> None:
    store, cache = await start("memory://")
    old = (await cache.ring()).active
    new = generate_signing_key(clock.now())

    await store.rotate(new, clock.now())

    ring = KeyRing(await store.load(), OVERLAP)
    assert old is not None
    assert ring.active is not None
    assert ring.active.kid == new.kid
    assert {key.kid for key in ring.published(clock.now())} == {old.kid, new.kid}
    assert {key.kid for key in ring.published(clock.now() + OVERLAP)} == {new.kid}


async def test_a_burst_of_first_requests_creates_one_key(start: Start) -> None:
    store, cache = await start("memory://")

    await asyncio.gather(*(cache.ring() for _ in range(5)))

    assert len(await store.load()) == 1
