"""Hypothesis strategies for the domain's values."""

from decimal import Decimal

import phonenumbers
from hypothesis import strategies as st

cents = st.integers(min_value=0, max_value=10**12)
amounts = cents.map(lambda c: Decimal(c).scaleb(-2))
quantities = st.integers(min_value=1, max_value=1_000_000)
names = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s
)

_REGIONS = ["KE", "UG", "TZ", "NG", "GB", "US", "ZA", "RW"]
_FORMATS = [
    phonenumbers.PhoneNumberFormat.E164,
    phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    phonenumbers.PhoneNumberFormat.RFC3966,
]


@st.composite
def valid_phones(draw: st.DrawFn) -> str:
    """A valid number in some region, written nationally or internationally."""
    region = draw(st.sampled_from(_REGIONS))
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    national = str(example.national_number)
    tail = draw(st.integers(min_value=0, max_value=99))
    candidate = phonenumbers.parse(f"{national[:-2]}{tail:02d}", region)
    style = draw(st.sampled_from(_FORMATS))
    return phonenumbers.format_number(candidate, style)
