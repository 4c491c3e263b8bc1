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
# A process that starts a child of its own the helper's way, reports its pid, and waits.
STARTS_A_CHILD = f"""
import signal, sys
from tests.integration.processes import start_child
child = start_child([sys.executable, "-c", {WAIT_FOREVER!r}])
print(child.pid, flush=True)
signal.pause()
"""
# A process that starts a plain child of its own, as granian starts its workers.
LEAVES_A_GRANDCHILD = f"""
import signal, subprocess, sys
grandchild = subprocess.Popen([sys.executable, "-c", {WAIT_FOREVER!r}])
print(grandchild.pid, flush=True)
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


def test_a_child_ends_when_the_process_that_started_it_is_killed() -> None:
    command = [sys.executable, "-c", STARTS_A_CHILD]
    parent = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert parent.stdout is not None
    child = int(parent.stdout.readline())

    parent.kill()
    parent.wait()

    assert ends_soon(child)
    parent.stdout.close()


def test_stopping_a_child_also_ends_what_it_left_behind() -> None:
    command = [sys.executable, "-c", LEAVES_A_GRANDCHILD]
    child = start_child(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    grandchild = int(child.stdout.readline())

    stop(child)

    assert ends_soon(grandchild)
    child.stdout.close()
