from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.money import Money
from tests.strategies import amounts, quantities


@given(amounts, quantities)
def test_multiplying_by_a_quantity_loses_no_cent(amount: Decimal, quantity: int) -> None:
    price = Money(amount)

    total = price.times(quantity)

    assert total.amount * 100 == amount * 100 * quantity
    assert isinstance(total.amount, Decimal)


@given(st.lists(amounts, min_size=1, max_size=20))
def test_adding_amounts_matches_adding_cents(values: list[Decimal]) -> None:
    monies = [Money(value) for value in values]

    total = monies[0]
    for money in monies[1:]:
        total = total.plus(money)

    assert int(total.amount * 100) == sum(int(value * 100) for value in values)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_refuses_floats_whatever_their_value(value: float) -> None:
    with pytest.raises(ValidationError):
        Money.of(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "amount",
    [
        pytest.param("1.005", id="three-decimals"),
        pytest.param("-1.00", id="negative"),
        pytest.param("abc", id="not-a-number"),
        pytest.param("NaN", id="nan"),
        pytest.param("Infinity", id="infinity"),
    ],
)
def test_refuses_amounts_that_are_not_exact_cents(amount: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Money.of(amount)

    assert raised.value.field_errors[0].field == "amount"


def test_refuses_to_add_different_currencies() -> None:
    shillings = Money.of("10.00", "KES")

    with pytest.raises(ValidationError):
        shillings.plus(Money.of("10.00", "UGX"))


@pytest.mark.parametrize("currency", ["kes", "KE", "KESS", "K1S"])
def test_refuses_currencies_that_are_not_iso_codes(currency: str) -> None:
    with pytest.raises(ValidationError):
        Money.of("1.00", currency)


def test_keeps_two_places_for_whole_amounts() -> None:
    money = Money.of(1500)

    assert str(money.amount) == "1500.00"
