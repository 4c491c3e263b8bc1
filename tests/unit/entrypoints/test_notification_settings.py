from datetime import timedelta
from pathlib import Path

from entrypoints import sms
from entrypoints.settings import Settings

NO_FILE = Path("/nonexistent/.env")
SECRET = "callback-secret"  # noqa: S105 - a test value


def test_reads_numbers_and_flags_for_the_dispatcher_from_the_environment() -> None:
    env = {
        "PURCHASE_SMS_BATCH_SIZE": "5",
        "PURCHASE_SMS_POLL_SECONDS": "0.5",
        "PURCHASE_SMS_DISPATCH_IN_PROCESS": "false",
        "PURCHASE_AT_CALLBACK_SECRET": SECRET,
    }

    settings = Settings.load(env, env_file=NO_FILE)

    assert settings.sms_batch_size == 5
    assert settings.sms_poll_seconds == 0.5
    assert settings.sms_dispatch_in_process is False
    assert settings.at_callback_secret == SECRET
    assert SECRET not in repr(settings)


def test_builds_the_retry_policy_from_settings() -> None:
    env = {"PURCHASE_SMS_RETRY_BASE_SECONDS": "1", "PURCHASE_SMS_MAX_ATTEMPTS": "3"}

    policy = sms.retry_policy(Settings.load(env, env_file=NO_FILE).as_config())

    assert policy.base_delay == timedelta(seconds=1)
    assert policy.max_attempts == 3


def test_the_lease_always_outlasts_two_full_sends() -> None:
    env = {
        "PURCHASE_SMS_LEASE_SECONDS": "1",
        "PURCHASE_AT_CONNECT_TIMEOUT": "2",
        "PURCHASE_AT_READ_TIMEOUT": "8",
    }

    lease = sms.lease(Settings.load(env, env_file=NO_FILE).as_config())

    assert lease == timedelta(seconds=20)
