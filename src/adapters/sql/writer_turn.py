"""Whose turn it is to write a SQLite file, across the processes that share it.

SQLite's own busy handler waits for the write lock by sleeping in the calling thread
(1, 2, 5, 10... ms), which stalls the whole event loop and lets the process that holds
the lock take it again and again. A ``flock`` on a file beside the database, waited on in
a worker thread only when another process holds it, hands the turn over as soon as it is
released and keeps the loop serving reads and requests meanwhile. SQLite's busy timeout
stays as the fallback for writers that do not take the turn (migrations, other tools).
"""

import asyncio
import contextlib
import fcntl
import os
from pathlib import Path

from adapters.sql.errors import DatabaseError


class WriterTurn:
    """An exclusive lock shared by every process that opens the same SQLite file."""

    def __init__(self, database_path: str | None) -> None:
        in_memory = not database_path or database_path == ":memory:"
        self._path = None if in_memory else Path(f"{database_path}-writer")
        self._fd: int | None = None
        self._fd_pid = 0

    async def take(self) -> None:
        descriptor = self._descriptor()
        if descriptor is None:
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            await _wait_for_lock(descriptor)

    def give_back(self) -> None:
        if self._fd is not None and self._fd_pid == os.getpid():
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        descriptor, self._fd = self._fd, None
        if descriptor is not None and self._fd_pid == os.getpid():
            os.close(descriptor)

    def _descriptor(self) -> int | None:
        # A descriptor inherited through fork shares its lock with the parent: each
        # process (granian forks its workers) opens its own.
        if self._path is None:
            return None
        if self._fd is None or self._fd_pid != os.getpid():
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as error:
                raise DatabaseError(f"cannot open {self._path}: {error.strerror}") from error
            self._fd_pid = os.getpid()
        return self._fd


async def _wait_for_lock(descriptor: int) -> None:
    waiting = asyncio.ensure_future(asyncio.to_thread(fcntl.flock, descriptor, fcntl.LOCK_EX))
    try:
        await asyncio.shield(waiting)
    except asyncio.CancelledError:
        # The thread cannot be stopped: whenever it gets the lock, hand it straight back.
        waiting.add_done_callback(lambda _: _hand_back(descriptor))
        raise


def _hand_back(descriptor: int) -> None:
    # Closed meanwhile (the database was disposed): closing released the lock.
    with contextlib.suppress(OSError):
        fcntl.flock(descriptor, fcntl.LOCK_UN)
