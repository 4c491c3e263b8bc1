"""Phone numbers, parsed once and kept in E.164."""

from dataclasses import dataclass

import phonenumbers

from domain.errors import ValidationError

DEFAULT_REGION = "KE"
_VISIBLE_TAIL = 2


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A valid phone number in E.164 form (``+254712345678``).

    ``repr`` masks all but the country code and the last two digits, so a number that
    reaches a log line never reaches it whole.
    """

    e164: str

    @classmethod
    def parse(cls, raw: str, default_region: str = DEFAULT_REGION) -> "PhoneNumber":
        """Read a number as typed; one without a country code is read in ``default_region``."""
        try:
            parsed = phonenumbers.parse(raw, default_region)
        except phonenumbers.NumberParseException as error:
            raise ValidationError.for_field("phone", "not a phone number") from error
        if not phonenumbers.is_valid_number(parsed):
            raise ValidationError.for_field("phone", "not a valid phone number")
        return cls(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))

    @property
    def masked(self) -> str:
        country = phonenumbers.parse(self.e164).country_code
        prefix = f"+{country}"
        hidden = len(self.e164) - len(prefix) - _VISIBLE_TAIL
        return prefix + "*" * hidden + self.e164[-_VISIBLE_TAIL:]

    def __repr__(self) -> str:
        return f"PhoneNumber({self.masked})"

    __str__ = __repr__
