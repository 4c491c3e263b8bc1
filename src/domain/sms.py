"""What an SMS gateway is asked to do and what it answered, in the domain's terms."""

import string
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.errors import ValidationError
from domain.phone import PhoneNumber

DEFAULT_TEMPLATE = (
    "Hi $first_name, order #$order_number is placed: $quantity x $item, "
    "total $currency $total. Thank you!"
)
TEMPLATE_FIELDS = frozenset(
    {"first_name", "last_name", "order_number", "quantity", "item", "total", "currency"}
)


@dataclass(frozen=True, slots=True)
class SmsTemplate:
    """An operator-configured message text with ``$name`` placeholders.

    ``string.Template`` rather than ``str.format`` so a template can only name fields,
    never reach into attributes. Unknown placeholders are refused when the template is built.
    """

    text: str = DEFAULT_TEMPLATE

    def __post_init__(self) -> None:
        template = string.Template(self.text)
        if not template.is_valid():
            raise ValidationError.for_field("sms_template", "template has a malformed placeholder")
        unknown = set(template.get_identifiers()) - TEMPLATE_FIELDS
        if unknown:
            names = ", ".join(sorted(unknown))
            raise ValidationError.for_field("sms_template", f"unknown placeholders: {names}")

    def render(self, **fields: str) -> str:
        return string.Template(self.text).substitute(fields)


@dataclass(frozen=True, slots=True)
class SmsMessage:
    notification_id: UUID
    recipient: PhoneNumber
    body: str


class SendOutcome(StrEnum):
    """How a gateway answer is handled.

    accepted: the gateway took the message; never send it again.
    transient: try again soon (network, timeouts, 5xx, gateway-side errors).
    delayed: try again much later (no route, insufficient balance, do-not-disturb).
    configuration: our account or sender is wrong; wait for an operator.
    permanent: this message can never be delivered (bad number, blacklisted).
    uncertain: the request may have reached the gateway; retry, accepting a possible duplicate.
    """

    ACCEPTED = "accepted"
    TRANSIENT = "transient"
    DELAYED = "delayed"
    CONFIGURATION = "configuration"
    PERMANENT = "permanent"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True, slots=True, kw_only=True)
class SendResult:
    outcome: SendOutcome
    provider_message_id: str | None = None
    cost: str | None = None
    provider_status: str | None = None
    reason: str | None = None
