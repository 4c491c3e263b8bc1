"""Partial updates of entities, all-or-nothing."""

from dataclasses import fields
from datetime import datetime
from typing import Any, Protocol


class Revisable(Protocol):
    updated_at: datetime

    def __post_init__(self) -> None:
        """Check the entity's invariants, raising ``ValidationError``."""


def apply_changes(entity: Revisable, changes: Any, now: datetime) -> bool:
    """Set the fields of the ``changes`` dataclass that are given and differ from ``entity``.

    ``None`` in ``changes`` means "leave as it is". The entity's invariants are checked
    afterwards; if they fail, the entity is put back as it was and the error raised.
    Returns whether anything changed.
    """
    differing = {
        field.name: value
        for field in fields(changes)
        if (value := getattr(changes, field.name)) is not None
        and getattr(entity, field.name) != value
    }
    if not differing:
        return False
    previous = {name: getattr(entity, name) for name in differing}
    for name, value in differing.items():
        setattr(entity, name, value)
    try:
        entity.__post_init__()
    except Exception:
        for name, value in previous.items():
            setattr(entity, name, value)
        raise
    entity.updated_at = now
    return True
