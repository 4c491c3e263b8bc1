"""Liveness (the process answers) and readiness (the database answers too)."""

import logging
from typing import Any

import msgspec
from litestar import Response, get
from litestar.datastructures import State

from domain.pagination import Window
from domain.ports import UnitOfWorkFactory
from entrypoints.http.errors import problem_responses

logger = logging.getLogger(__name__)


class Health(msgspec.Struct):
    status: str


@get("/health/live", tags=["health"], sync_to_thread=False)
def live() -> Health:
    return Health(status="ok")


@get("/health/ready", tags=["health"], responses=problem_responses(503))
async def ready(state: State) -> Response[Any]:
    unit_of_work: UnitOfWorkFactory = state.container.unit_of_work
    try:
        async with unit_of_work(read_only=True) as uow:
            await uow.items.list(Window(limit=1))
    except Exception:
        logger.warning("database_not_ready", exc_info=True)
        return Response(
            {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": "the database does not answer",
                "code": "not_ready",
            },
            status_code=503,
            media_type="application/problem+json",
        )
    return Response(Health(status="ok"))
