"""Plain builders for domain objects and commands; override any field by keyword."""

from datetime import UTC, datetime
from decimal import Decimal
from itertools import count
from typing import Any
from uuid import uuid4

from application.customers.create_customer import CreateCustomerCommand
from application.items.create_item import CreateItemCommand
from domain.customers import Customer
from domain.items import Item, Size
from domain.money import Money
from domain.phone import PhoneNumber

T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
_phones = count(100000)


def next_phone() -> str:
    """A distinct valid Kenyan mobile number in E.164 for every call."""
    return f"+254712{next(_phones) % 1_000_000:06d}"


def make_customer(**overrides: Any) -> Customer:
    fields: dict[str, Any] = {
        "id": uuid4(),
        "first_name": "Amina",
        "last_name": "Otieno",
        "phone": PhoneNumber.parse(next_phone()),
        "created_at": T0,
        "updated_at": T0,
    }
    return Customer(**(fields | overrides))


def make_item(**overrides: Any) -> Item:
    fields: dict[str, Any] = {
        "id": uuid4(),
        "name": "Kikoi wrap",
        "size": Size.M,
        "unit_price": Money(Decimal("1500.00")),
        "created_at": T0,
        "updated_at": T0,
    }
    return Item(**(fields | overrides))


def customer_command(**overrides: Any) -> CreateCustomerCommand:
    fields: dict[str, Any] = {"first_name": "Amina", "last_name": "Otieno", "phone": next_phone()}
    return CreateCustomerCommand(**(fields | overrides))


def item_command(**overrides: Any) -> CreateItemCommand:
    fields: dict[str, Any] = {"name": "Kikoi wrap", "unit_price": "1500.00", "size": Size.M}
    return CreateItemCommand(**(fields | overrides))
