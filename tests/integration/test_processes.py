"""The tests' child processes end with the run: when it is killed, and when it stops them."""

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import skip_or_fail
from tests.integration.processes import start_child, stop

ROOT = Path(__file__).resolve().parents[2]
# How long an ending may take on a loaded machine; the tests never wait this long when it works.
ENDING_WITHIN = 30
WAIT_FOREVER = "import signal; signal.pause()"
# A server in miniature: a main process that starts a worker as a plain child, prints the
# worker's pid and waits, as granian does.
SERVER = f"""
import signal, subprocess, sys
worker = subprocess.Popen([sys.executable, "-c", {WAIT_FOREVER!r}])
print(worker.pid, flush=True)
signal.pause()
"""
# A test run in miniature: it starts the server the helper's way, says so, and waits.
TEST_RUN = f"""
import signal, sys
from tests.integration.processes import start_child
start_child([sys.executable, "-c", {SERVER!r}])
print("started", flush=True)
signal.pause()
"""


def ends_soon(pid: int) -> bool:
    if not hasattr(os, "pidfd_open"):
        skip_or_fail("needs pidfd_open (Linux) to watch a process it did not start")
    watch = os.pidfd_open(pid)
    try:
        readable, _, _ = select.select([watch], [], [], ENDING_WITHIN)
        if not readable:  # the test fails; the process must not outlive it all the same
            signal.pidfd_send_signal(watch, signal.SIGKILL)
    finally:
        os.close(watch)
    return bool(readable)


def test_a_server_and_its_workers_end_when_the_test_run_is_killed() -> None:
    command = [sys.executable, "-c", TEST_RUN]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert run.stdout is not None
    # Both lines, in either order: the run has registered the server, and the worker's pid.
    (worker,) = [
        int(line) for line in (run.stdout.readline(), run.stdout.readline()) if line[0].isdigit()
    ]

    run.kill()
    run.wait()
    run.stdout.close()

    assert ends_soon(worker)


def test_stopping_a_server_also_ends_its_workers() -> None:
    server = start_child([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    worker = int(server.stdout.readline())

    stop(server)
    server.stdout.close()

    assert ends_soon(worker)
