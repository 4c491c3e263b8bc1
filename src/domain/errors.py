"""Errors the domain and its use cases raise.

Every error carries a stable ``code`` (part of the API contract) and a human message.
The hierarchy::

    DomainError
    ├── NotFoundError
    │   ├── CustomerNotFoundError
    │   ├── ItemNotFoundError
    │   ├── OrderNotFoundError
    │   └── NotificationNotFoundError
    ├── ConflictError
    │   ├── CustomerHasOrdersError
    │   ├── ItemHasOrdersError
    │   ├── DuplicateCustomerError
    │   ├── OrderAlreadyCancelledError
    │   ├── NotificationStateError
    │   └── IdempotencyKeyInUseError
    ├── ValidationError            (carries field_errors)
    │   └── IdempotencyKeyReusedError
    ├── InvalidTokenError          (authentication failed)
    └── InsufficientScopeError     (authenticated, not allowed)

    ReadOnlyUnitOfWorkError        (a RuntimeError: a bug, never the caller's fault)
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid field: where it is (dotted path) and what is wrong with it."""

    field: str
    message: str


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(DomainError):
    code = "not_found"


class CustomerNotFoundError(NotFoundError):
    code = "customer_not_found"


class ItemNotFoundError(NotFoundError):
    code = "item_not_found"


class OrderNotFoundError(NotFoundError):
    code = "order_not_found"


class NotificationNotFoundError(NotFoundError):
    code = "notification_not_found"


class ConflictError(DomainError):
    code = "conflict"


class CustomerHasOrdersError(ConflictError):
    code = "customer_has_orders"


class ItemHasOrdersError(ConflictError):
    code = "item_has_orders"


class DuplicateCustomerError(ConflictError):
    code = "duplicate_customer"


class OrderAlreadyCancelledError(ConflictError):
    code = "order_already_cancelled"


class NotificationStateError(ConflictError):
    code = "notification_state"


class IdempotencyKeyInUseError(ConflictError):
    """Another request with the same idempotency key is still being processed."""

    code = "idempotency_key_in_use"


class ValidationError(DomainError):
    code = "validation_failed"

    def __init__(self, message: str, field_errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(message)
        self.field_errors = field_errors

    @classmethod
    def for_field(cls, field: str, message: str) -> "ValidationError":
        return cls(message, (FieldError(field, message),))


class IdempotencyKeyReusedError(ValidationError):
    """The idempotency key was already used for a request with a different body."""

    code = "idempotency_key_reused"


class InvalidTokenError(DomainError):
    """The caller's credentials are missing, malformed, expired or not trusted."""

    code = "invalid_token"


class InsufficientScopeError(DomainError):
    """The caller is authenticated but lacks the scope the operation needs."""

    code = "insufficient_scope"

    def __init__(self, message: str, required_scope: str) -> None:
        super().__init__(message)
        self.required_scope = required_scope


class ReadOnlyUnitOfWorkError(RuntimeError):
    """A read-only unit of work was asked to commit: the use case should open a writable one."""
