"""Turn driver errors into the domain's errors, so none of SQLAlchemy's cross a port."""

from collections.abc import Callable

from domain.errors import ConflictError, DuplicateCustomerError, IdempotencyKeyInUseError


class DatabaseError(Exception):
    """The database failed for a reason no caller can fix (unreachable, disk full, ...)."""


class OutdatedSchemaError(Exception):
    """The database schema is not the one this code needs."""


ConflictFactory = Callable[[], ConflictError]

# A unique constraint means the same thing whichever statement broke it. PostgreSQL names
# the constraint; SQLite names the columns ("UNIQUE constraint failed: customers.phone").
_UNIQUE_MARKERS: tuple[tuple[tuple[str, ...], ConflictFactory], ...] = (
    (
        ("uq_customers_phone", "customers.phone"),
        lambda: DuplicateCustomerError("a customer with this phone number already exists"),
    ),
    (
        ("uq_customers_external_reference", "customers.external_reference"),
        lambda: DuplicateCustomerError("a customer with this external reference exists"),
    ),
    (
        ("pk_idempotency_records", "idempotency_records.scope"),
        lambda: IdempotencyKeyInUseError("this idempotency key is already in use"),
    ),
)


def conflict_for(original: BaseException | None, fallback: ConflictFactory | None) -> ConflictError:
    """The domain error for a broken constraint; ``fallback`` covers foreign keys and checks.

    ``original`` is the driver's exception. Foreign key and check violations only make
    sense next to the statement that broke them (the same foreign key refuses an order
    for a missing customer and the deletion of a customer with orders), so the caller
    names them.
    """
    # asyncpg names the constraint on its error (or on the cause, behind SQLAlchemy).
    cause = getattr(original, "__cause__", None)
    parts = (
        original,
        getattr(original, "constraint_name", None),
        getattr(cause, "constraint_name", None),
    )
    described = " ".join(str(part) for part in parts if part is not None)
    for markers, make in _UNIQUE_MARKERS:
        if any(marker in described for marker in markers):
            return make()
    if fallback is not None:
        return fallback()
    return ConflictError("the change conflicts with what is already stored")
