import pytest

from domain.customers import CustomerChanges
from domain.errors import ValidationError
from tests.factories import T0, make_customer


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("first_name", "   ", id="blank-first-name"),
        pytest.param("last_name", "x" * 101, id="long-last-name"),
        pytest.param("email", "not-an-email", id="bad-email"),
        pytest.param("first_name", "Am\x00ina", id="nul-in-name"),
        pytest.param("email", "a\x00@example.com", id="nul-in-email"),
        pytest.param("external_reference", "ref\x00", id="nul-in-reference"),
    ],
)
def test_refuses_invalid_details(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as raised:
        make_customer(**{field: value})

    assert raised.value.field_errors[0].field == field


def test_trims_names() -> None:
    customer = make_customer(first_name="  Amina ")

    assert customer.first_name == "Amina"


def test_revising_with_the_same_values_changes_nothing() -> None:
    customer = make_customer()

    changed = customer.revise(CustomerChanges(first_name=customer.first_name), T0)

    assert changed is False


def test_a_refused_revision_leaves_the_customer_as_it_was() -> None:
    customer = make_customer(first_name="Amina", last_name="Otieno")

    with pytest.raises(ValidationError):
        customer.revise(CustomerChanges(last_name="Wanjiru", first_name="  "), T0)

    assert (customer.first_name, customer.last_name) == ("Amina", "Otieno")
