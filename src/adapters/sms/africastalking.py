"""Africa's Talking through its official SDK, run off the event loop (the SDK blocks)."""

import asyncio
from dataclasses import dataclass
from typing import Any

import requests
import urllib3
from africastalking.SMS import SMSService

from adapters.sms.africastalking_answers import read_answer
from domain.sms import SendOutcome, SendResult, SmsMessage


@dataclass(frozen=True, slots=True, kw_only=True)
class AfricasTalkingConfig:
    username: str
    api_key: str
    sender_id: str | None = None
    base_url: str | None = None
    connect_timeout: float = 3.05
    read_timeout: float = 10.0

    def __repr__(self) -> str:
        return f"AfricasTalkingConfig(username={self.username!r}, base_url={self.base_url!r})"


class _SmsService(SMSService):  # type: ignore[misc]  # the SDK ships no type hints
    """The SDK's SMS service with two hooks the SDK does not expose as options.

    - ``base_url`` replaces the API base before ``/version1`` (tests point it at a fake).
    - ``_make_request`` hands back the raw response: the SDK's own folds every non-2xx
      answer into one exception carrying only the body, losing the status that tells an
      expired key (401) from a gateway outage (5xx).
    """

    def __init__(self, username: str, api_key: str, base_url: str | None) -> None:
        self._base_url_override = base_url
        super().__init__(username, api_key)

    def _init_service(self) -> None:
        super()._init_service()
        if self._base_url_override:
            self._baseUrl = self._base_url_override.rstrip("/") + "/version1"

    def _make_request(
        self,
        url: str,
        method: str,
        headers: dict[str, str],
        data: dict[str, Any] | None,
        params: dict[str, Any] | None,
        callback: object = None,
        timeout: tuple[float, float] | None = None,
    ) -> requests.Response:
        return requests.request(
            method, url, headers=headers, data=data, params=params, timeout=timeout
        )


class AfricasTalkingSmsSender:
    """Sends each message to one recipient and classifies the gateway's answer.

    A sandbox account (username ``sandbox``) talks to the SDK's sandbox host.
    """

    def __init__(self, config: AfricasTalkingConfig) -> None:
        self._config = config
        self._service = _SmsService(config.username, config.api_key, config.base_url)

    async def send(self, message: SmsMessage) -> SendResult:
        return await asyncio.to_thread(self._send_blocking, message)

    def _send_blocking(self, message: SmsMessage) -> SendResult:
        timeouts = (self._config.connect_timeout, self._config.read_timeout)
        try:
            response = self._service.send(
                message.body, [message.recipient.e164], self._config.sender_id, timeout=timeouts
            )
        except ValueError:
            return SendResult(outcome=SendOutcome.PERMANENT, reason="the SDK refused the number")
        except requests.RequestException as error:
            return read_network_fault(error)
        return read_answer(response.status_code, response.text)


def read_network_fault(error: requests.RequestException) -> SendResult:
    """Transient if the request never left; uncertain if the gateway may have it."""
    never_left = isinstance(error, requests.ConnectTimeout | requests.exceptions.SSLError)
    if never_left or _never_connected(error):
        return SendResult(
            outcome=SendOutcome.TRANSIENT, provider_status="no connection", reason=_name(error)
        )
    return SendResult(
        outcome=SendOutcome.UNCERTAIN,
        provider_status="no answer",
        reason=f"{_name(error)} after the request was sent; the SMS may have gone out",
    )


def _never_connected(error: requests.RequestException) -> bool:
    if not isinstance(error, requests.ConnectionError) or not error.args:
        return False
    cause = error.args[0]
    reason = getattr(cause, "reason", cause)
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


def _name(error: Exception) -> str:
    return type(error).__name__
