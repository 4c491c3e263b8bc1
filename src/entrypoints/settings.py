"""Settings from ``PURCHASE_*`` environment variables and a ``.env`` file (the environment wins)."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

PREFIX = "PURCHASE_"
# Africa's Talking's own names, as its documentation and dashboards use them.
UNPREFIXED = {
    "at_username": "AT_USERNAME",
    "at_api_key": "AT_API_KEY",
    "at_sender_id": "AT_SENDER_ID",
    "at_base_url": "AT_BASE_URL",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    database_url: str = "sqlite:///purchase.db"
    default_region: str = "KE"
    default_currency: str = "KES"
    sms_backend: str = "console"
    sms_template: str | None = None
    at_username: str = "sandbox"
    at_api_key: str = field(default="", repr=False)
    at_sender_id: str | None = None
    at_base_url: str | None = None
    at_connect_timeout: float = 3.05
    at_read_timeout: float = 10.0
    # Africa's Talking signs nothing: this secret in the callback URL is the only guard.
    at_callback_secret: str = field(default="", repr=False)
    sms_dispatch_in_process: bool = True
    sms_poll_seconds: float = 5.0
    sms_batch_size: int = 20
    sms_lease_seconds: float = 60.0
    sms_retry_base_seconds: float = 2.0
    sms_retry_prompt_attempts: int = 6
    sms_retry_prompt_cap_seconds: float = 30.0
    sms_retry_max_delay_seconds: float = 1800.0
    sms_max_attempts: int = 14
    sms_retry_jitter: float = 0.2
    sms_delayed_retry_seconds: float = 900.0
    sms_delayed_max_attempts: int = 4
    log_format: str = "auto"
    log_level: str = "INFO"
    # Identity (docs/identity.md): the built-in OpenID provider and the issuers the API trusts.
    issuer: str = "http://127.0.0.1:8000"
    api_audience: str = "purchase-api"
    access_token_seconds: int = 600
    id_token_seconds: int = 3600
    refresh_token_seconds: int = 30 * 24 * 3600
    authorization_code_seconds: int = 300
    signing_key_algorithm: str = "RS256"
    # How long a rotated-out key stays published; at least the longest token lifetime.
    signing_key_overlap_seconds: int = 24 * 3600
    trusted_issuers: str = ""
    demo_identity: bool = True

    @property
    def storage(self) -> str:
        return "memory" if self.database_url.startswith("memory:") else "sql"

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, env_file: Path | None = None) -> "Settings":
        """Read settings from ``env`` (default: the environment) over ``env_file`` (``./.env``)."""
        dotenv_path = env_file if env_file is not None else Path(".env")
        sources: dict[str, str | None] = {}
        if dotenv_path.is_file():
            sources.update(dotenv_values(dotenv_path))
        sources.update(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for setting in fields(cls):
            name = UNPREFIXED.get(setting.name, PREFIX + setting.name.upper())
            raw = sources.get(name)
            if raw is not None and raw != "":
                values[setting.name] = _typed(setting.default, raw)
        return cls(**values)

    def as_config(self) -> dict[str, Any]:
        config = {setting.name: getattr(self, setting.name) for setting in fields(self)}
        config["storage"] = self.storage
        return config


def _typed(default: object, raw: str) -> object:
    """Environment values are text; a setting whose default is a number or a flag gets one."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
