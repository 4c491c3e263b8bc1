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
    log_format: str = "auto"
    log_level: str = "INFO"

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
                values[setting.name] = raw
        return cls(**values)

    def as_config(self) -> dict[str, Any]:
        config = {setting.name: getattr(self, setting.name) for setting in fields(self)}
        config["storage"] = self.storage
        return config
