import logging
from uuid import uuid4

import pytest

from adapters.sms.africastalking import AfricasTalkingConfig, AfricasTalkingSmsSender
from adapters.sms.console import ConsoleSmsSender
from domain.phone import PhoneNumber
from domain.sms import SendOutcome, SmsMessage


def endpoint_of(config: AfricasTalkingConfig) -> str:
    sender = AfricasTalkingSmsSender(config)
    # The URL the SDK itself builds for a send, so the test follows the SDK.
    url: str = sender._service._make_url("/messaging")
    return url


def test_a_sandbox_username_talks_to_the_sandbox() -> None:
    config = AfricasTalkingConfig(username="sandbox", api_key="key")

    assert endpoint_of(config) == "https://api.sandbox.africastalking.com/version1/messaging"


def test_a_live_username_talks_to_the_live_api() -> None:
    config = AfricasTalkingConfig(username="shop", api_key="key")

    assert endpoint_of(config) == "https://api.africastalking.com/version1/messaging"


def test_the_base_url_setting_replaces_the_api_host() -> None:
    config = AfricasTalkingConfig(username="shop", api_key="key", base_url="http://127.0.0.1:9/")

    assert endpoint_of(config) == "http://127.0.0.1:9/version1/messaging"


def test_the_account_config_never_shows_its_api_key() -> None:
    config = AfricasTalkingConfig(username="shop", api_key="very-secret-key")

    assert "very-secret-key" not in repr(config)


async def test_console_sender_logs_the_message_with_the_number_masked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    message = SmsMessage(
        notification_id=uuid4(), recipient=PhoneNumber.parse("+254712345678"), body="Hi Amina"
    )

    with caplog.at_level(logging.INFO):
        result = await ConsoleSmsSender().send(message)

    (record,) = [r for r in caplog.records if r.msg == "sms_console_message"]
    assert result.outcome is SendOutcome.ACCEPTED
    assert record.__dict__["recipient"] == "+254*******78"
    assert record.__dict__["body"] == "Hi Amina"
    assert "712345678" not in caplog.text
