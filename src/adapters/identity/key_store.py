"""Signing keys kept in the database, so they survive restarts and every process shares them."""

import asyncio
import json
import logging
from datetime import datetime, timedelta

from joserfc.jwk import KeySet
from sqlalchemy import Connection, insert, select, update

from adapters.identity.database import IdentityDatabase
from adapters.identity.keys import KeyRing, SigningKey, generate_signing_key
from adapters.identity.tables import signing_keys
from domain.ports import Clock

logger = logging.getLogger(__name__)


class SqlSigningKeyStore:
    def __init__(self, database: IdentityDatabase, overlap: timedelta) -> None:
        self._database = database
        self._overlap = overlap

    async def load(self) -> list[SigningKey]:
        return await self._database.run(_load_keys)

    async def rotate(self, new_key: SigningKey, now: datetime) -> None:
        def work(connection: Connection) -> None:
            connection.execute(
                update(signing_keys)
                .where(signing_keys.c.retired_at.is_(None))
                .values(retired_at=now)
            )
            _insert_key(connection, new_key)

        await self._database.run(work)
        logger.info("signing_key_rotated", extra={"kid": new_key.kid})

    async def ensure_active_key(self, now: datetime, algorithm: str = "RS256") -> SigningKey:
        """The key that signs now, generating and storing the first one if there is none."""
        ring = KeyRing(await self.load(), self._overlap)
        if ring.active is not None:
            return ring.active
        key = generate_signing_key(now, algorithm)
        await self._database.run(lambda connection: _insert_key(connection, key))
        logger.info("signing_key_created", extra={"kid": key.kid})
        return key


def _load_keys(connection: Connection) -> list[SigningKey]:
    rows = connection.execute(select(signing_keys).order_by(signing_keys.c.created_at)).all()
    return [
        SigningKey(
            kid=row.kid,
            algorithm=row.algorithm,
            private_jwk=json.loads(row.private_jwk),
            created_at=row.created_at,
            retired_at=row.retired_at,
        )
        for row in rows
    ]


def _insert_key(connection: Connection, key: SigningKey) -> None:
    connection.execute(
        insert(signing_keys).values(
            kid=key.kid,
            algorithm=key.algorithm,
            private_jwk=key.serialized(),
            created_at=key.created_at,
            retired_at=key.retired_at,
        )
    )


class KeyRingCache:
    """The provider's view of its keys, reloaded at most every ``max_age``.

    A rotation done by another process (``purchase keys rotate``) is picked up within
    ``max_age``; until then this process signs with the retired key, which stays published
    for the overlap window, so nothing it signs fails to verify.
    """

    def __init__(
        self,
        store: SqlSigningKeyStore,
        overlap: timedelta,
        clock: Clock,
        max_age: timedelta = timedelta(seconds=60),
    ) -> None:
        self._store = store
        self._overlap = overlap
        self._clock = clock
        self._max_age = max_age
        self._ring: KeyRing | None = None
        self._loaded_at: datetime | None = None
        self._loading = asyncio.Lock()

    async def ring(self, *, reload: bool = False) -> KeyRing:
        # One loader at a time, or a burst of first requests would each create a key.
        async with self._loading:
            now = self._clock.now()
            stale = self._loaded_at is None or now - self._loaded_at >= self._max_age
            if self._ring is None or stale or reload:
                await self._store.ensure_active_key(now)
                self._ring = KeyRing(await self._store.load(), self._overlap)
                self._loaded_at = now
            return self._ring

    async def fetch(self) -> KeySet:
        """The verification keys (the ``KeySource`` port of the access-token verifier)."""
        ring = await self.ring(reload=True)
        return ring.verification_keys(self._clock.now())
