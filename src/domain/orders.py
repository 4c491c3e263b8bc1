"""Orders: a customer buying a quantity of one item at the price of the day."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.customers import Customer
from domain.errors import OrderAlreadyCancelledError, ValidationError
from domain.events import OrderPlaced
from domain.items import Item
from domain.money import Money

MAX_QUANTITY = 1_000_000


class OrderStatus(StrEnum):
    PLACED = "placed"
    CANCELLED = "cancelled"


def check_quantity(quantity: int) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError.for_field("quantity", "must be a whole number")
    if quantity <= 0:
        raise ValidationError.for_field("quantity", "must be a positive whole number")
    if quantity > MAX_QUANTITY:
        raise ValidationError.for_field("quantity", f"must be at most {MAX_QUANTITY}")
    return quantity


@dataclass(slots=True, kw_only=True)
class Order:
    """An order keeps the unit price and total it was placed at, whatever the item costs later."""

    id: UUID
    number: int
    customer_id: UUID
    item_id: UUID
    quantity: int
    unit_price: Money
    total: Money
    status: OrderStatus
    placed_at: datetime
    updated_at: datetime
    events: list[OrderPlaced] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def place(
        cls,
        *,
        order_id: UUID,
        number: int,
        customer: Customer,
        item: Item,
        quantity: int,
        now: datetime,
    ) -> "Order":
        """Place an order, capturing the item's current price; records an OrderPlaced event."""
        check_quantity(quantity)
        order = cls(
            id=order_id,
            number=number,
            customer_id=customer.id,
            item_id=item.id,
            quantity=quantity,
            unit_price=item.unit_price,
            total=item.unit_price.times(quantity),
            status=OrderStatus.PLACED,
            placed_at=now,
            updated_at=now,
        )
        order.events.append(
            OrderPlaced(
                order_id=order_id, order_number=number, customer_id=customer.id, placed_at=now
            )
        )
        return order

    def change_quantity(self, quantity: int, now: datetime) -> None:
        """Change the quantity; the total follows the unit price captured at placing."""
        if self.status is OrderStatus.CANCELLED:
            raise OrderAlreadyCancelledError(f"order {self.number} is cancelled and cannot change")
        self.quantity = check_quantity(quantity)
        self.total = self.unit_price.times(quantity)
        self.updated_at = now

    def cancel(self, now: datetime) -> None:
        if self.status is OrderStatus.CANCELLED:
            raise OrderAlreadyCancelledError(f"order {self.number} is already cancelled")
        self.status = OrderStatus.CANCELLED
        self.updated_at = now
