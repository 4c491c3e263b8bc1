"""SMS pieces built from settings: the retry schedule and the Africa's Talking account."""

from datetime import timedelta
from typing import Any

from adapters.sms.africastalking import AfricasTalkingConfig
from domain.sms import RetryPolicy


def retry_policy(config: dict[str, Any]) -> RetryPolicy:
    return RetryPolicy(
        base_delay=timedelta(seconds=config["sms_retry_base_seconds"]),
        prompt_attempts=config["sms_retry_prompt_attempts"],
        prompt_cap=timedelta(seconds=config["sms_retry_prompt_cap_seconds"]),
        max_delay=timedelta(seconds=config["sms_retry_max_delay_seconds"]),
        max_attempts=config["sms_max_attempts"],
        jitter=config["sms_retry_jitter"],
        delayed_delay=timedelta(seconds=config["sms_delayed_retry_seconds"]),
        delayed_max_attempts=config["sms_delayed_max_attempts"],
    )


def africastalking_config(config: dict[str, Any]) -> AfricasTalkingConfig:
    return AfricasTalkingConfig(
        username=config["at_username"],
        api_key=config["at_api_key"],
        sender_id=config["at_sender_id"],
        base_url=config["at_base_url"],
        connect_timeout=config["at_connect_timeout"],
        read_timeout=config["at_read_timeout"],
    )


def lease(config: dict[str, Any]) -> timedelta:
    """How long one send attempt keeps its notification; it must outlast the timeouts."""
    floor = config["at_connect_timeout"] + config["at_read_timeout"]
    return timedelta(seconds=max(config["sms_lease_seconds"], 2 * floor))
