"""Africa's Talking delivery report words, read into the domain's delivery statuses."""

from domain.errors import ValidationError
from domain.sms import DeliveryStatus

# The handset's answer is final; the rest is progress through the networks.
_STATUSES = {
    "Success": DeliveryStatus.DELIVERED,
    "Failed": DeliveryStatus.FAILED,
    "Rejected": DeliveryStatus.FAILED,
    "Expired": DeliveryStatus.FAILED,
    "AbsentSubscriber": DeliveryStatus.FAILED,
    "Sent": DeliveryStatus.IN_TRANSIT,
    "Submitted": DeliveryStatus.IN_TRANSIT,
    "Buffered": DeliveryStatus.IN_TRANSIT,
}


def read_delivery_status(reported: str) -> DeliveryStatus:
    """The status a report's ``status`` field stands for; ``ValidationError`` for others."""
    try:
        return _STATUSES[reported]
    except KeyError:
        raise ValidationError.for_field(
            "status", "not a delivery status the gateway sends"
        ) from None
