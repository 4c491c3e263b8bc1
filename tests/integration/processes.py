"""Child processes the tests start (servers, dispatchers): they end with the test run.

A run that ends normally stops them in the fixtures' ``finally`` blocks. A run killed from
outside skips those, so two more things end them:

- every child is the leader of its own process group, and a small reaper process, started
  once per run, kills each group still registered once the test process is gone (its end
  of a pipe closes however the test process dies). That takes granian's workers too,
  which are in the group but would outlive a killed main process;
- every child also asks Linux to kill it when the test process dies (``PR_SET_PDEATHSIG``),
  in case the reaper was killed as well.

Both send SIGKILL, not SIGTERM: granian's main process, its stdout a pipe nobody reads
any more, never finishes a graceful stop.
"""

import atexit
import ctypes
import functools
import os
import random
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# Resolved here, not in the child: between fork and exec only async-signal-safe work is safe.
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None
# Reads "+group" and "-group" lines; at end of input, kills every group still registered.
_REAPER = """
import os, signal, sys
groups = set()
for line in sys.stdin:
    group = int(line)
    (groups.add if group > 0 else groups.discard)(abs(group))
for group in groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
"""
_registry = threading.Lock()
# Where the kernel takes the local ports of outgoing connections; the default range.
_EPHEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")
_EPHEMERAL_START = 32768


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on, below the ephemeral range.

    A port the kernel picks (bind to 0) comes from the range outgoing connections draw
    from, so a busy client elsewhere on the machine can take it before the server binds;
    below that range only another listener can.
    """
    start = int(_EPHEMERAL.read_text().split()[0]) if _EPHEMERAL.is_file() else _EPHEMERAL_START
    candidates = range(max(1024, start - 12000), start)
    # Not for security: spreading the picks keeps parallel runs from trying the same ports.
    for port in random.sample(candidates, 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port to listen on in {candidates}")


def start_child(command: Sequence[str], **popen: Any) -> subprocess.Popen[Any]:
    """Start ``command`` in its own process group, which ends when this process ends."""
    parent = os.getpid()

    def stop_with_parent() -> None:
        # The death signal follows the forking thread; fixtures run on pytest's main one.
        if _prctl is None:
            return
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    with _registry:
        _reaper()  # running before the child starts, so registering it is one quick write
    process = subprocess.Popen(  # noqa: S603 - the tests' own programs and arguments
        list(command), start_new_session=True, preexec_fn=stop_with_parent, **popen
    )
    end_with_run(process.pid)
    return process


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
        stopped(process.pid)


def end_with_run(group: int) -> None:
    """Have the reaper kill process group ``group`` if the test run dies before stopping it."""
    _tell_reaper(f"+{group}")


def stopped(group: int) -> None:
    """The group has been stopped: the reaper forgets it (its number may be reused)."""
    _tell_reaper(f"-{group}")


def exit_with_parent() -> None:
    """In a server worker: end when the process that spawned it ends, however it ends."""
    parent = os.pidfd_open(os.getppid())

    def watch() -> None:
        select.select([parent], [], [])
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:  # the usual case: nothing of the group is left
        return


def _tell_reaper(line: str) -> None:
    with _registry:
        reaper = _reaper()
        assert reaper.stdin is not None
        reaper.stdin.write(line + "\n")
        reaper.stdin.flush()


@functools.cache
def _reaper() -> subprocess.Popen[str]:
    reaper = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _REAPER],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        # Its own session: a signal to the test run's process group does not reach it.
        start_new_session=True,
    )
    atexit.register(_dismiss, reaper)
    return reaper


def _dismiss(reaper: subprocess.Popen[str]) -> None:
    assert reaper.stdin is not None
    reaper.stdin.close()
    reaper.wait(timeout=30)
