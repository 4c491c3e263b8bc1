"""Idempotent creates: a retried request returns the first result and creates nothing twice."""

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID

from domain.errors import IdempotencyKeyInUseError, IdempotencyKeyReusedError
from domain.idempotency import IdempotencyRecord
from domain.ports import UnitOfWork, UnitOfWorkFactory

RETENTION = timedelta(hours=24)
R = TypeVar("R")


@dataclass(frozen=True, slots=True, kw_only=True)
class IdempotencyKey:
    """A client's key for one request; ``caller`` keeps two callers' keys apart."""

    key: str
    caller: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class IdempotentRequest:
    scope: str
    key: IdempotencyKey | None
    fingerprint: str
    now: datetime

    @classmethod
    def of(cls, scope: str, command: Any, now: datetime) -> "IdempotentRequest":
        body = {name: value for name, value in asdict(command).items() if name != "idempotency"}
        text = json.dumps(body, sort_keys=True, default=str)
        print_ = hashlib.sha256(text.encode()).hexdigest()
        return cls(scope=scope, key=command.idempotency, fingerprint=print_, now=now)

    @property
    def scoped(self) -> str:
        return f"{self.scope}:{self.key.caller}" if self.key else self.scope


async def create_once(
    unit_of_work: UnitOfWorkFactory,
    request: IdempotentRequest,
    *,
    create: Callable[[UnitOfWork], Awaitable[R]],
    load: Callable[[UnitOfWork, UUID], Awaitable[R]],
    identify: Callable[[R], UUID],
) -> R:
    """Run ``create`` in one unit of work, unless the key already has a result to ``load``.

    Two concurrent requests with one key race on the key's unique record: the loser's
    transaction rolls back whole, and its single retry finds and returns the winner's result.
    """
    try:
        return await _attempt(unit_of_work, request, create, load, identify)
    except IdempotencyKeyInUseError:
        if request.key is None:
            raise
        return await _attempt(unit_of_work, request, create, load, identify)


async def _attempt(
    unit_of_work: UnitOfWorkFactory,
    request: IdempotentRequest,
    create: Callable[[UnitOfWork], Awaitable[R]],
    load: Callable[[UnitOfWork, UUID], Awaitable[R]],
    identify: Callable[[R], UUID],
) -> R:
    async with unit_of_work() as uow:
        first_id = await _replayed(uow, request)
        if first_id is not None:
            return await load(uow, first_id)
        result = await create(uow)
        if request.key is not None:
            await uow.idempotency.add(_record(request, request.key, identify(result)))
        await uow.commit()
        return result


async def _replayed(uow: UnitOfWork, request: IdempotentRequest) -> UUID | None:
    if request.key is None:
        return None
    record = await uow.idempotency.get(request.scoped, request.key.key, request.now)
    if record is None:
        return None
    if record.fingerprint != request.fingerprint:
        raise IdempotencyKeyReusedError.for_field(
            "Idempotency-Key", "this key was already used with a different request"
        )
    return record.resource_id


def _record(
    request: IdempotentRequest, key: IdempotencyKey, resource_id: UUID
) -> IdempotencyRecord:
    return IdempotencyRecord(
        scope=request.scoped,
        key=key.key,
        fingerprint=request.fingerprint,
        resource_id=resource_id,
        created_at=request.now,
        expires_at=request.now + RETENTION,
    )
