"""Money as an exact decimal amount with a currency; floats are refused at the door."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.errors import ValidationError

DEFAULT_CURRENCY = "KES"
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Money:
    """A non-negative amount with exactly two decimal places in an ISO 4217 currency.

    Amounts with more than two decimal places are refused rather than rounded, so no
    cent is ever invented or lost.
    """

    amount: Decimal
    currency: str = DEFAULT_CURRENCY

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise ValidationError.for_field("amount", "amount must be a decimal, never a float")
        if not self.amount.is_finite() or self.amount < 0:
            raise ValidationError.for_field("amount", "amount must be a non-negative number")
        if self.amount != self.amount.quantize(_CENT):
            raise ValidationError.for_field("amount", "amount has more than two decimal places")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise ValidationError.for_field("currency", "currency must be an ISO 4217 code")
        object.__setattr__(self, "amount", self.amount.quantize(_CENT))

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str = DEFAULT_CURRENCY) -> "Money":
        """Build money from a string, an int or a Decimal (never a float)."""
        if isinstance(amount, float):
            raise ValidationError.for_field("amount", "amount must be a decimal, never a float")
        try:
            return cls(Decimal(amount), currency)
        except InvalidOperation as error:
            raise ValidationError.for_field("amount", "amount is not a number") from error

    def times(self, quantity: int) -> "Money":
        return Money(self.amount * quantity, self.currency)

    def plus(self, other: "Money") -> "Money":
        if other.currency != self.currency:
            raise ValidationError.for_field(
                "currency", "cannot add amounts in different currencies"
            )
        return Money(self.amount + other.amount, self.currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,.2f}"
