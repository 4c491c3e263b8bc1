"""Customers: the people who place orders."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import ValidationError
from domain.phone import PhoneNumber
from domain.revisions import apply_changes

NAME_MAX_LENGTH = 100


def check_text(field: str, value: str) -> str:
    """Refuse a NUL character: no database we store in can hold one in text."""
    if "\x00" in value:
        raise ValidationError.for_field(field, "must not contain a NUL character")
    return value


def check_name(field: str, value: str) -> str:
    """Return ``value`` trimmed, refusing blank, overlong or NUL-bearing names."""
    trimmed = check_text(field, value).strip()
    if not trimmed:
        raise ValidationError.for_field(field, "must not be blank")
    if len(trimmed) > NAME_MAX_LENGTH:
        raise ValidationError.for_field(field, f"must be at most {NAME_MAX_LENGTH} characters")
    return trimmed


@dataclass(slots=True, kw_only=True)
class Customer:
    id: UUID
    first_name: str
    last_name: str
    phone: PhoneNumber
    email: str | None = None
    external_reference: str | None = None
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        self.first_name = check_name("first_name", self.first_name)
        self.last_name = check_name("last_name", self.last_name)
        if self.email is not None and "@" not in check_text("email", self.email):
            raise ValidationError.for_field("email", "not an email address")
        if self.external_reference is not None:
            check_text("external_reference", self.external_reference)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def revise(self, changes: "CustomerChanges", now: datetime) -> bool:
        """Apply the changes that differ, all or none; return whether anything changed."""
        return apply_changes(self, changes, now)


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerChanges:
    """A partial update: ``None`` leaves a field as it is."""

    first_name: str | None = None
    last_name: str | None = None
    phone: PhoneNumber | None = None
    email: str | None = None
    external_reference: str | None = None
