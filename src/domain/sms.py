"""What an SMS gateway is asked to do and what it answered, in the domain's terms."""

import string
from dataclasses import dataclass
from datetime import timedelta
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


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """When to try a failed send again, and when to give up.

    The delay after attempt ``n`` grows as ``base_delay * multiplier ** (n - 1)``. For the
    first ``prompt_attempts`` attempts it is capped at ``prompt_cap``, so a short gateway
    outage costs customers seconds, not minutes; later attempts are capped at ``max_delay``.
    Jitter takes up to ``jitter`` (a fraction) off each delay, so dispatchers that failed
    together do not retry together.

    Slow-down answers (no route, no balance, do-not-disturb) wait ``delayed_delay`` and
    are tried ``delayed_max_attempts`` times in all.
    """

    base_delay: timedelta = timedelta(seconds=2)
    multiplier: float = 2.0
    prompt_attempts: int = 6
    prompt_cap: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=30)
    max_attempts: int = 14
    jitter: float = 0.2
    delayed_delay: timedelta = timedelta(minutes=15)
    delayed_max_attempts: int = 4

    def __post_init__(self) -> None:
        if self.base_delay <= timedelta(0) or self.multiplier < 1:
            raise ValidationError.for_field("sms_retry", "delays must be positive and growing")
        if not 0 <= self.jitter < 1:
            raise ValidationError.for_field("sms_retry", "jitter must be in [0, 1)")
        if self.max_attempts < 1 or self.delayed_max_attempts < 1:
            raise ValidationError.for_field("sms_retry", "at least one attempt is needed")

    def delay_after(self, attempt: int, chance: float) -> timedelta:
        """The wait after failed attempt number ``attempt`` (1-based); ``chance`` is in [0, 1)."""
        cap = self.prompt_cap if attempt <= self.prompt_attempts else self.max_delay
        # Exponent bounded so a large attempt count cannot overflow the float.
        growth = self.multiplier ** min(attempt - 1, 64)
        full = min(cap.total_seconds(), self.base_delay.total_seconds() * growth)
        return timedelta(seconds=full * (1 - self.jitter * chance))

    def delayed_after(self, chance: float) -> timedelta:
        return self.delayed_delay * (1 - self.jitter * chance)

    def gives_up(self, outcome: SendOutcome, attempts: int) -> bool:
        """Whether ``attempts`` sends ending in ``outcome`` are enough to stop trying."""
        if outcome is SendOutcome.DELAYED:
            return attempts >= self.delayed_max_attempts
        return attempts >= self.max_attempts


class DeliveryStatus(StrEnum):
    """Where the gateway's delivery report leaves a sent message."""

    DELIVERED = "delivered"
    FAILED = "failed"
    IN_TRANSIT = "in_transit"
