"""Every API route asks the token verifier who is calling and checks the resource's scope.

The guard is a coroutine: Litestar runs synchronous guards on a worker thread, which
costs more than the check itself.
"""

from typing import Annotated, Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.params import HeaderParameter

from application.idempotency import IdempotencyKey
from domain.errors import InsufficientScopeError, InvalidTokenError
from domain.identity import Principal
from domain.ports import TokenVerifier
from entrypoints.http.errors import MissingTokenError

READ_METHODS = frozenset({"GET", "HEAD"})
MAX_KEY_LENGTH = 255


async def require_scope(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """Admit the caller if their token is valid and carries ``<resource>:read|write``."""
    verifier: TokenVerifier = connection.app.state.token_verifier
    principal = await verifier.verify(_bearer_token(connection.headers.get("authorization")))
    access = "read" if connection.scope.get("method") in READ_METHODS else "write"
    scope = f"{handler.opt['resource']}:{access}"
    if not principal.has_scope(scope):
        raise InsufficientScopeError(f"this operation needs the {scope} scope", scope)
    connection.scope["auth"] = principal


def _bearer_token(header: str | None) -> str:
    if not header:
        raise MissingTokenError("this operation needs a bearer token")
    kind, _, token = header.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        raise InvalidTokenError("the Authorization header must be 'Bearer <token>'")
    return token.strip()


async def provide_idempotency(
    request: Request[Any, Any, Any],
    idempotency_key: Annotated[
        str | None,
        HeaderParameter(
            name="Idempotency-Key",
            required=False,
            min_length=1,
            max_length=MAX_KEY_LENGTH,
            description="Retry-safe creates: a repeat with the same key and body returns the "
            "first result; with a different body it is refused (422). Keys last 24 hours.",
        ),
    ] = None,
) -> IdempotencyKey | None:
    """The request's idempotency key, kept apart per caller."""
    if idempotency_key is None:
        return None
    principal: Principal = request.scope["auth"]
    return IdempotencyKey(key=idempotency_key, caller=principal.subject)
