"""Use cases as Litestar dependencies: each provider asks the app's container for one.

Handlers declare ``create_order: CreateOrder`` as a plain parameter; there is no
dependency-injector wiring on them (it has no Litestar integration).
"""

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from litestar.datastructures import State
from litestar.di import Provide

from entrypoints.http.auth import provide_idempotency


def use_cases(*names: str) -> dict[str, Provide]:
    """Dependencies named after container providers, plus the request's idempotency key."""
    provided = {name: Provide(_from_container(name)) for name in names}
    provided["idempotency"] = Provide(provide_idempotency)
    return provided


def _from_container(name: str) -> Callable[[State], Awaitable[Any]]:
    async def provide(state: State) -> Any:
        return getattr(state.container, name)()

    provide.__name__ = f"provide_{name}"
    return provide


def described_by(use_case: type) -> str:
    """The use case's docstring, as the operation's OpenAPI description."""
    return inspect.getdoc(use_case) or ""
