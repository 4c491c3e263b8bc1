import json

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

from adapters.sms.africastalking import read_network_fault
from adapters.sms.africastalking_answers import read_answer
from adapters.sms.delivery_reports import read_delivery_status
from domain.errors import ValidationError
from domain.sms import DeliveryStatus, SendOutcome


def messaging_data(*recipients: dict[str, object], message: str = "Sent to 1/1") -> str:
    return json.dumps({"SMSMessageData": {"Message": message, "Recipients": list(recipients)}})


def recipient(code: int, status: str) -> dict[str, object]:
    return {
        "statusCode": code,
        "number": "+254712345678",
        "status": status,
        "cost": "KES 0.8000" if code < 200 else "0",
        "messageId": "ATXid_1" if code < 200 else "None",
    }


def test_reads_the_message_id_and_cost_of_an_accepted_send() -> None:
    result = read_answer(201, messaging_data(recipient(101, "Success")))

    assert result.outcome is SendOutcome.ACCEPTED
    assert (result.provider_message_id, result.cost) == ("ATXid_1", "KES 0.8000")


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        pytest.param(100, SendOutcome.ACCEPTED, id="100"),
        pytest.param(102, SendOutcome.ACCEPTED, id="102"),
        pytest.param(401, SendOutcome.CONFIGURATION, id="401"),
        pytest.param(402, SendOutcome.CONFIGURATION, id="402"),
        pytest.param(403, SendOutcome.PERMANENT, id="403"),
        pytest.param(404, SendOutcome.PERMANENT, id="404"),
        pytest.param(406, SendOutcome.PERMANENT, id="406"),
        pytest.param(405, SendOutcome.DELAYED, id="405"),
        pytest.param(407, SendOutcome.DELAYED, id="407"),
        pytest.param(409, SendOutcome.DELAYED, id="409"),
        pytest.param(500, SendOutcome.TRANSIENT, id="500"),
        pytest.param(501, SendOutcome.TRANSIENT, id="501"),
        pytest.param(502, SendOutcome.TRANSIENT, id="502"),
        pytest.param(999, SendOutcome.TRANSIENT, id="unknown-code"),
    ],
)
def test_classifies_the_recipient_status_even_under_http_201(
    code: int, outcome: SendOutcome
) -> None:
    result = read_answer(201, messaging_data(recipient(code, "Whatever")))

    assert result.outcome is outcome
    assert result.provider_status == f"{code} Whatever"


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        pytest.param(401, "The supplied authentication is invalid", SendOutcome.CONFIGURATION),
        pytest.param(400, "Invalid request", SendOutcome.CONFIGURATION),
        pytest.param(429, "Slow down", SendOutcome.TRANSIENT),
        pytest.param(502, "Bad gateway", SendOutcome.TRANSIENT),
        pytest.param(201, "<html>oops</html>", SendOutcome.TRANSIENT),
        pytest.param(201, '{"SMSMessageData": {}}', SendOutcome.TRANSIENT),
    ],
)
def test_classifies_answers_without_recipients(
    status: int, body: str, outcome: SendOutcome
) -> None:
    assert read_answer(status, body).outcome is outcome


def test_an_empty_recipient_list_naming_the_sender_id_is_configuration() -> None:
    result = read_answer(201, messaging_data(message="InvalidSenderId"))

    assert result.outcome is SendOutcome.CONFIGURATION
    assert result.reason == "InvalidSenderId"


@pytest.mark.parametrize(
    ("word", "status"),
    [
        pytest.param("Success", DeliveryStatus.DELIVERED, id="success"),
        pytest.param("Rejected", DeliveryStatus.FAILED, id="rejected"),
        pytest.param("Failed", DeliveryStatus.FAILED, id="failed"),
        pytest.param("Expired", DeliveryStatus.FAILED, id="expired"),
        pytest.param("Buffered", DeliveryStatus.IN_TRANSIT, id="buffered"),
        pytest.param("Submitted", DeliveryStatus.IN_TRANSIT, id="submitted"),
        pytest.param("Sent", DeliveryStatus.IN_TRANSIT, id="sent"),
    ],
)
def test_reads_delivery_report_words(word: str, status: DeliveryStatus) -> None:
    assert read_delivery_status(word) is status


def test_refuses_a_delivery_word_the_gateway_never_sends() -> None:
    with pytest.raises(ValidationError):
        read_delivery_status("success")


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        pytest.param(requests.ConnectTimeout(), SendOutcome.TRANSIENT, id="connect-timeout"),
        pytest.param(
            requests.ConnectionError(
                MaxRetryError(None, "/version1/messaging", NewConnectionError(None, "refused"))  # type: ignore[arg-type]
            ),
            SendOutcome.TRANSIENT,
            id="refused",
        ),
        pytest.param(requests.exceptions.SSLError(), SendOutcome.TRANSIENT, id="tls-handshake"),
        pytest.param(requests.ReadTimeout(), SendOutcome.UNCERTAIN, id="read-timeout"),
        pytest.param(
            requests.ConnectionError(ProtocolError("Connection aborted.")),
            SendOutcome.UNCERTAIN,
            id="dropped-mid-answer",
        ),
        pytest.param(
            requests.exceptions.ChunkedEncodingError(), SendOutcome.UNCERTAIN, id="cut-body"
        ),
    ],
)
def test_network_faults_are_transient_only_when_the_request_never_left(
    error: requests.RequestException, outcome: SendOutcome
) -> None:
    assert read_network_fault(error).outcome is outcome
