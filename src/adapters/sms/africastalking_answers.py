"""How Africa's Talking answers a send, read into the domain's outcome classes.

The messaging endpoint answers HTTP 201 even when the recipient was refused, so the
outcome comes from ``SMSMessageData.Recipients[].statusCode``, not from the HTTP status.
"""

import json
from http import HTTPStatus
from typing import Any

from domain.sms import SendOutcome, SendResult

# Per-recipient status codes from the gateway's documentation.
_ACCEPTED = {100, 101, 102}  # Processed, Sent, Queued
_CONFIGURATION = {401, 402}  # RiskHold, InvalidSenderId: the account needs an operator
_PERMANENT = {403, 404, 406}  # InvalidPhoneNumber, UnsupportedNumberType, UserInBlacklist
_DELAYED = {405, 407, 409}  # InsufficientBalance, CouldNotRoute, DoNotDisturbRejection
_TRANSIENT = {500, 501, 502}  # InternalServerError, GatewayError, RejectedByGateway
_OUTCOMES = (
    (_ACCEPTED, SendOutcome.ACCEPTED),
    (_CONFIGURATION, SendOutcome.CONFIGURATION),
    (_PERMANENT, SendOutcome.PERMANENT),
    (_DELAYED, SendOutcome.DELAYED),
    (_TRANSIENT, SendOutcome.TRANSIENT),
)
_SNIPPET = 120


def read_answer(http_status: int, body: str) -> SendResult:
    """Classify one answer to a single-recipient send."""
    if http_status == HTTPStatus.UNAUTHORIZED:
        return SendResult(
            outcome=SendOutcome.CONFIGURATION,
            provider_status="HTTP 401",
            reason="the API key or username is not valid",
        )
    if (
        http_status == HTTPStatus.TOO_MANY_REQUESTS
        or http_status >= HTTPStatus.INTERNAL_SERVER_ERROR
    ):
        return SendResult(outcome=SendOutcome.TRANSIENT, provider_status=f"HTTP {http_status}")
    if not HTTPStatus.OK <= http_status < HTTPStatus.MULTIPLE_CHOICES:
        # Any other refusal means the request itself is wrong: retrying cannot help.
        return SendResult(
            outcome=SendOutcome.CONFIGURATION,
            provider_status=f"HTTP {http_status}",
            reason=body[:_SNIPPET],
        )
    return _read_recipient(body)


def _read_recipient(body: str) -> SendResult:
    try:
        data = json.loads(body)["SMSMessageData"]
        recipients: list[dict[str, Any]] = data["Recipients"]
    except (ValueError, KeyError, TypeError):
        return SendResult(
            outcome=SendOutcome.TRANSIENT,
            provider_status="unreadable answer",
            reason=body[:_SNIPPET],
        )
    if not recipients:
        return _refused_whole(str(data.get("Message", "")))
    return _recipient_result(recipients[0])


def _refused_whole(message: str) -> SendResult:
    # With no recipient listed, the summary message carries the reason (e.g. InvalidSenderId).
    outcome = SendOutcome.CONFIGURATION if "SenderId" in message else SendOutcome.TRANSIENT
    return SendResult(outcome=outcome, provider_status="no recipients", reason=message[:_SNIPPET])


def _recipient_result(recipient: dict[str, Any]) -> SendResult:
    code = recipient.get("statusCode")
    status_word = str(recipient.get("status", ""))
    outcome = next(
        (outcome for codes, outcome in _OUTCOMES if code in codes), SendOutcome.TRANSIENT
    )
    provider_status = f"{code} {status_word}".strip()
    if outcome is not SendOutcome.ACCEPTED:
        return SendResult(outcome=outcome, provider_status=provider_status)
    message_id = recipient.get("messageId")
    cost = recipient.get("cost")
    return SendResult(
        outcome=outcome,
        provider_status=provider_status,
        provider_message_id=str(message_id) if message_id else None,
        cost=str(cost) if cost else None,
    )
