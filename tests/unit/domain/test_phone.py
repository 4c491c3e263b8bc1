import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.phone import PhoneNumber
from tests.strategies import valid_phones


@given(valid_phones())
def test_every_accepted_number_round_trips_through_e164(raw: str) -> None:
    phone = PhoneNumber.parse(raw)

    assert PhoneNumber.parse(phone.e164) == phone
    assert phone.e164.startswith("+")


@given(st.text(max_size=20), st.sampled_from(["KE", "UG", "US"]))
def test_any_text_is_either_refused_or_stable(raw: str, region: str) -> None:
    try:
        phone = PhoneNumber.parse(raw, region)
    except ValidationError:
        return

    assert PhoneNumber.parse(phone.e164, "US") == phone


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("0712345678", id="national"),
        pytest.param("0712 345 678", id="national-spaced"),
        pytest.param("+254712345678", id="e164"),
        pytest.param("254712345678", id="no-plus"),
    ],
)
def test_reads_numbers_without_country_code_as_kenyan(raw: str) -> None:
    phone = PhoneNumber.parse(raw)

    assert phone.e164 == "+254712345678"


def test_reads_numbers_in_the_configured_region() -> None:
    phone = PhoneNumber.parse("0772 123456", "UG")

    assert phone.e164 == "+256772123456"


@pytest.mark.parametrize("raw", ["", "hello", "12", "+2547123456789999"])
def test_refuses_what_is_not_a_valid_number(raw: str) -> None:
    with pytest.raises(ValidationError) as raised:
        PhoneNumber.parse(raw)

    assert raised.value.field_errors[0].field == "phone"


def test_masks_all_but_country_code_and_last_two_digits_when_printed() -> None:
    phone = PhoneNumber.parse("+254712345678")

    text = f"{phone!r} {phone}"

    assert "712345" not in text
    assert "+254*******78" in text
