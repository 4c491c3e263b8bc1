"""The real web app under granian in a child process, for tests over a real socket."""

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from tests.integration.http.tokens import AUDIENCE, ISSUER, PUBLIC_KEY_VARIABLE, SIGNING_KEY
from tests.integration.processes import free_port, start_child, stop

ROOT = Path(__file__).resolve().parents[2]
TARGET = "tests.integration.http.server_app:create_test_app"
# Granian logs this from the worker once it accepts connections (after the app's startup);
# the listening line can come before the bind.
READY = "Started worker"


@dataclass
class ServerLog:
    """The server's output as it arrives, for tests that check what it logged."""

    lines: list[str] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def read_from(self, stream: IO[str]) -> None:
        for line in stream:
            with self.arrived:
                self.lines.append(line)
                self.arrived.notify_all()

    def wait_for(self, *texts: str, timeout: float = 30) -> list[str]:
        """The lines containing every one of ``texts``, once there is at least one.

        It returns as soon as one arrives; the limit only bounds a wait for a line that never
        comes, so it is generous enough for a loaded machine.
        """

        def matching() -> list[str]:
            return [line for line in self.lines if all(text in line for text in texts)]

        with self.arrived:
            self.arrived.wait_for(matching, timeout)
            return matching()


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    log: ServerLog


# What the test app needs to trust the tokens tests.integration.http.tokens mints.
TEST_TOKEN_SETTINGS = {
    "PURCHASE_ISSUER": ISSUER,
    "PURCHASE_API_AUDIENCE": AUDIENCE,
    PUBLIC_KEY_VARIABLE: json.dumps(SIGNING_KEY.public_jwk()),
}


@contextmanager
def running_app(
    settings: Mapping[str, str],
    *,
    target: str = TARGET,
    port: int | None = None,
    ready: tuple[str, ...] = (READY,),
) -> Iterator[LiveServer]:
    """Serve ``target`` under granian with ``settings`` until the block ends.

    The server counts as up once every text in ``ready`` has appeared in its output.
    """
    port = port or free_port()
    env = os.environ | {
        "PURCHASE_DATABASE_URL": "memory://",
        "PURCHASE_SMS_BACKEND": "recording",
        "PURCHASE_LOG_FORMAT": "json",
        "PURCHASE_LOG_LEVEL": "INFO",
        **settings,
    }
    command = [sys.executable, "-m", "granian", "--interface", "asgi", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", target]
    process = start_child(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output: list[str] = []
    for line in process.stdout:
        output.append(line)
        if all(any(text in seen for seen in output) for text in ready):
            break
    else:
        pytest.fail(f"granian exited with {process.wait()} before listening:\n{''.join(output)}")
    # Keep draining the child's log so a full pipe never stalls it.
    log = ServerLog(lines=output)
    drain = threading.Thread(target=log.read_from, args=(process.stdout,), daemon=True)
    drain.start()
    try:
        yield LiveServer(base_url=f"http://127.0.0.1:{port}", log=log)
    finally:
        if process.poll() is not None:
            # Shown with the failing test's output: why the server went away.
            sys.stderr.write("".join(log.lines))
        stop(process)
        drain.join(timeout=10)
        process.stdout.close()
