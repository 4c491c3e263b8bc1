import os

import pytest
from hypothesis import HealthCheck, settings

# The deadline is a timing assertion, and these machines are shared and noisy.
settings.register_profile(
    "ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REQUIRE_ALL = os.environ.get("PURCHASE_REQUIRE_ALL_TESTS") == "1"

# The throwaway PostgreSQL server (postgres_server, postgres_url) any integration test may use.
pytest_plugins = ["tests.integration.postgres"]


def skip_or_fail(reason: str) -> None:
    """Skip a test whose external part is missing; in CI, where everything must run, fail."""
    if REQUIRE_ALL:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)
