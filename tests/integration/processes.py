"""Child processes the tests start (servers, dispatchers): they end with the test run.

A run that ends normally stops them in the fixtures' ``finally`` blocks. A run killed from
outside skips those, so every child also asks Linux to signal it when the test process
dies (``PR_SET_PDEATHSIG``). The signal is SIGTERM, not SIGKILL: granian's main process
then stops its workers itself, which a SIGKILL would leave running as orphans.
"""

import ctypes
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# Resolved here, not in the child: between fork and exec only async-signal-safe work is safe.
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None


def start_child(command: Sequence[str], **popen: Any) -> subprocess.Popen[Any]:
    """Start ``command`` in its own process group, tied to this process's life.

    The death signal follows the thread that forks the child: call this from the thread
    that outlives the child (pytest's main thread runs the fixtures).
    """
    parent = os.getpid()

    def stop_with_parent() -> None:
        if _prctl is None:
            return
        _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return subprocess.Popen(  # noqa: S603 - the tests' own programs and arguments
        list(command),
        start_new_session=True,  # one group: stop() can sweep up whatever it spawned
        preexec_fn=stop_with_parent,
        **popen,
    )


def stop(process: subprocess.Popen[Any], timeout: float = 30) -> None:
    """Ask ``process`` to stop (SIGTERM), then kill whatever is left of its group."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    finally:
        _kill_group(process.pid)


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:  # the usual case: nothing of the group is left
        return


def exit_with_parent() -> None:
    """In a server worker: end when the process that spawned it ends, however it ends.

    Granian's workers are its children, not the test's; the death signal above reaches
    only granian's main process, and a worker must not outlive it.
    """
    parent = os.pidfd_open(os.getppid())

    def watch() -> None:
        select.select([parent], [], [])
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()
