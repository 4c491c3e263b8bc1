"""The one table from errors to RFC 9457 problem details, and the handler that renders them.

Domain errors map by class (the nearest mapped ancestor wins); Litestar's own HTTP
exceptions keep their status. Litestar raises ``ValidationException`` when a decoded body,
query or header breaks its declared type (422 with the failing fields) and a plain
``ClientException`` when the body is not JSON at all (400). Anything else is a 500 that
carries the request id and is logged here, once.
"""

import logging
import re
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import ClientException, HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec

from domain.errors import (
    ConflictError,
    DomainError,
    InsufficientScopeError,
    InvalidTokenError,
    NotFoundError,
    ValidationError,
)

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
REALM = 'Bearer realm="purchase"'

# error class -> (status, title); the problem ``type`` is derived from the error's code.
PROBLEMS: dict[type[DomainError], tuple[HTTPStatus, str]] = {
    NotFoundError: (HTTPStatus.NOT_FOUND, "Not found"),
    ConflictError: (HTTPStatus.CONFLICT, "Conflict"),
    ValidationError: (HTTPStatus.UNPROCESSABLE_ENTITY, "Invalid request"),
    InvalidTokenError: (HTTPStatus.UNAUTHORIZED, "Not authenticated"),
    InsufficientScopeError: (HTTPStatus.FORBIDDEN, "Insufficient scope"),
    DomainError: (HTTPStatus.UNPROCESSABLE_ENTITY, "Request refused"),
}
_QUOTED_FIELD = re.compile(r"field `([^`]+)`")


class UnsupportedMediaTypeError(ClientException):
    status_code = HTTPStatus.UNSUPPORTED_MEDIA_TYPE


class MissingTokenError(InvalidTokenError):
    """No bearer token at all: RFC 6750 wants a bare challenge, without an error code."""

    code = "missing_token"


class FieldProblem(msgspec.Struct, frozen=True):
    field: str
    message: str


class Problem(msgspec.Struct, frozen=True, omit_defaults=True):
    """An RFC 9457 problem detail, with the service's stable ``code`` and the request id."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldProblem] = []


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries documenting the problem responses an operation may answer."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=HTTPStatus(status).phrase,
            media_type=PROBLEM_JSON,
            generate_examples=False,
        )
        for status in statuses
    }


def api_problems(*statuses: int) -> dict[int, ResponseSpec]:
    """Problem responses of an API operation: those every guarded route may give, and more."""
    return problem_responses(400, 401, 403, *statuses)


def handle_exception(request: Request[Any, Any, Any], error: Exception) -> Response[Problem]:
    """Render any exception as a problem response (registered for ``Exception``)."""
    if isinstance(error, DomainError):
        return _domain_problem(request, error)
    if isinstance(error, ValidationException):
        fields = [_field_of(message) for message in error.extra or [] if isinstance(message, dict)]
        return _render(
            request,
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "Invalid request",
            detail="some fields are missing or invalid",
            code=ValidationError.code,
            fields=fields,
        )
    if isinstance(error, HTTPException) and error.status_code < HTTPStatus.INTERNAL_SERVER_ERROR:
        status = HTTPStatus(error.status_code)
        headers = {"WWW-Authenticate": REALM} if status == HTTPStatus.UNAUTHORIZED else {}
        return _render(request, status, status.phrase, detail=error.detail, headers=headers)
    logger.error("unhandled_error", exc_info=error, extra={"path": request.url.path})
    status = HTTPStatus.INTERNAL_SERVER_ERROR
    return _render(request, status, status.phrase, detail="an unexpected error; quote request_id")


def _domain_problem(request: Request[Any, Any, Any], error: DomainError) -> Response[Problem]:
    status, title = next(PROBLEMS[kind] for kind in type(error).__mro__ if kind in PROBLEMS)
    fields = error.field_errors if isinstance(error, ValidationError) else ()
    return _render(
        request,
        status,
        title,
        detail=error.message,
        code=error.code,
        fields=[FieldProblem(field=f.field, message=f.message) for f in fields],
        headers=_challenge(error),
    )


def _challenge(error: DomainError) -> dict[str, str]:
    """RFC 6750 section 3: tell the client how to authenticate and what went wrong."""
    if isinstance(error, InsufficientScopeError):
        scope = error.required_scope
        return {"WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="{scope}"'}
    if isinstance(error, MissingTokenError):
        return {"WWW-Authenticate": REALM}
    if isinstance(error, InvalidTokenError):
        return {"WWW-Authenticate": f'{REALM}, error="invalid_token"'}
    return {}


def _field_of(message: dict[str, Any]) -> FieldProblem:
    text = str(message.get("message", "invalid"))
    key = str(message.get("key", "body"))
    quoted = _QUOTED_FIELD.search(text)
    if key == "data" and quoted:
        key = quoted.group(1)
    return FieldProblem(field="body" if key == "data" else key, message=text)


def _render(
    request: Request[Any, Any, Any],
    status: HTTPStatus,
    title: str,
    *,
    detail: str | None = None,
    code: str | None = None,
    fields: list[FieldProblem] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Problem]:
    code = code or status.phrase.lower().replace(" ", "_").replace("-", "_")
    problem = Problem(
        type=f"urn:purchase:problem:{code}",
        title=title,
        status=int(status),
        detail=detail or status.phrase,
        code=code,
        instance=request.url.path,
        request_id=request.scope.get("state", {}).get("request_id"),
        errors=fields or [],
    )
    return Response(
        problem, status_code=int(status), media_type=PROBLEM_JSON, headers=headers or {}
    )
