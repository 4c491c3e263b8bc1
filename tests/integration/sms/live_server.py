"""The real web app in a child process (granian), its SMS going to the fake gateway."""

from collections.abc import Iterator
from contextlib import contextmanager

from tests.integration.live_server import TEST_TOKEN_SETTINGS, running_app
from tests.integration.sms.fake_gateway import API_KEY, USERNAME, FakeGateway

CALLBACK_SECRET = "callback-secret-for-tests"  # noqa: S105 - a test value


@contextmanager
def serving(gateway: FakeGateway) -> Iterator[str]:
    """Yield the base URL of the app, configured for Africa's Talking at ``gateway``."""
    settings = {
        "PURCHASE_SMS_BACKEND": "africastalking",
        "PURCHASE_AT_CALLBACK_SECRET": CALLBACK_SECRET,
        "PURCHASE_LOG_LEVEL": "WARNING",
        "AT_USERNAME": USERNAME,
        "AT_API_KEY": API_KEY,
        "AT_BASE_URL": gateway.url,
        **TEST_TOKEN_SETTINGS,
    }
    with running_app(settings) as server:
        yield server.base_url
