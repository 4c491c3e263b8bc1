"""The real web app in a child process (granian), its SMS going to the fake gateway."""

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.integration.http.tokens import AUDIENCE, ISSUER, PUBLIC_KEY_VARIABLE, SIGNING_KEY
from tests.integration.processes import free_port, start_child, stop
from tests.integration.sms.fake_gateway import API_KEY, USERNAME, FakeGateway

ROOT = Path(__file__).resolve().parents[3]
TARGET = "tests.integration.http.server_app:create_test_app"
CALLBACK_SECRET = "callback-secret-for-tests"  # noqa: S105 - a test value


@contextmanager
def serving(gateway: FakeGateway) -> Iterator[str]:
    """Yield the base URL of the app, configured for Africa's Talking at ``gateway``."""
    port = free_port()
    env = os.environ | {
        "PURCHASE_DATABASE_URL": "memory://",
        "PURCHASE_SMS_BACKEND": "africastalking",
        "PURCHASE_AT_CALLBACK_SECRET": CALLBACK_SECRET,
        "PURCHASE_LOG_LEVEL": "WARNING",
        "PURCHASE_LOG_FORMAT": "json",
        "AT_USERNAME": USERNAME,
        "AT_API_KEY": API_KEY,
        "AT_BASE_URL": gateway.url,
        "PURCHASE_ISSUER": ISSUER,
        "PURCHASE_API_AUDIENCE": AUDIENCE,
        PUBLIC_KEY_VARIABLE: json.dumps(SIGNING_KEY.public_jwk()),
    }
    command = [sys.executable, "-m", "granian", "--interface", "asgi", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", TARGET]
    process = start_child(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    # granian has logged to either stream across versions; both are read here. The app
    # answers once the worker has started (the listening line can come before the bind).
    output: list[str] = []
    for line in process.stdout:
        output.append(line)
        if "Started worker" in line:
            break
    else:
        pytest.fail(f"granian exited with {process.wait()} early:\n{''.join(output)}")
    drain = threading.Thread(target=process.stdout.read, daemon=True)
    drain.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        drain.join(timeout=10)
        process.stdout.close()
