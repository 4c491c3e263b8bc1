"""A throwaway PostgreSQL server for the test session, started from the server binaries.

Register with ``pytest_plugins = ["tests.integration.postgres"]``; then

- ``postgres_server`` (session) is the running server,
- ``postgres_url`` (function) is a fresh, empty database on it.

The server runs as the ``postgres`` OS user when the tests run as root (initdb refuses
root), listens on 127.0.0.1 on a free port, keeps its socket and data in a temporary
directory, and trades durability for speed (no fsync): it dies with the session.
"""

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.conftest import skip_or_fail
from tests.integration.processes import end_with_run, free_port, stopped

T = TypeVar("T")
_SERVER_SETTINGS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c shared_buffers=32MB"
)


def run_in_new_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on its own loop, even from inside a running one."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


@dataclass
class PostgresServer:
    bin_dir: Path
    port: int
    user: str = "postgres"
    host: str = "127.0.0.1"
    _names: Iterator[int] = field(default_factory=lambda: count(1))

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        self._client("createdb", name)
        return self.url(name)

    def _client(self, program: str, *arguments: str) -> None:
        command = [str(self.bin_dir / program), "-h", self.host, "-p", str(self.port)]
        _run([*command, "-U", self.user, *arguments])


def _server_binaries() -> Path | None:
    override = os.environ.get("PURCHASE_POSTGRES_BIN")
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    candidates = [Path(override)] if override else installed
    for candidate in reversed(candidates):
        if (candidate / "initdb").is_file():
            return candidate
    return None


def _run(command: list[str], *, check: bool = True) -> None:
    # Fixed programs from the PostgreSQL install, arguments built here: nothing untrusted.
    subprocess.run(command, check=check, capture_output=True)  # noqa: S603


def _as_server_user() -> tuple[list[str], int | None]:
    """The command prefix running as the ``postgres`` user when we are root, and its uid."""
    if os.geteuid() != 0:
        return [], None
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        skip_or_fail("running as root and there is no `postgres` user to run PostgreSQL as")
        raise
    return ["runuser", "-u", "postgres", "--"], account.pw_uid


def _start(bin_dir: Path, home: Path, port: int) -> None:
    prefix, uid = _as_server_user()
    if uid is not None:
        os.chown(home, uid, -1)
    data = home / "data"
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
    initdb += ["-E", "UTF8", "--locale=C", "--no-sync"]
    _run([*prefix, *initdb])
    options = f"-h 127.0.0.1 -p {port} -k {home} {_SERVER_SETTINGS}"
    start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w"]
    _run([*prefix, *start, "-o", options, "start"])


def _postmaster(home: Path) -> int:
    """The server's main process, which pg_ctl starts as the leader of its own group."""
    return int((home / "data" / "postmaster.pid").read_text().split("\n", 1)[0])


def _stop(bin_dir: Path, home: Path) -> None:
    prefix, _ = _as_server_user()
    stop = [str(bin_dir / "pg_ctl"), "-D", str(home / "data"), "-m", "immediate", "stop"]
    _run([*prefix, *stop], check=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = _server_binaries()
    if bin_dir is None:
        skip_or_fail("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        raise AssertionError("unreachable")
    home = Path(tempfile.mkdtemp(prefix="purchase-pg-"))
    port = free_port()
    try:
        _start(bin_dir, home, port)
        # pg_ctl detaches the server: without this, a killed test run would leave it running.
        postmaster = _postmaster(home)
        end_with_run(postmaster)
        yield PostgresServer(bin_dir=bin_dir, port=port)
    finally:
        _stop(bin_dir, home)
        shutil.rmtree(home, ignore_errors=True)
    stopped(postmaster)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database on the session's server."""
    return postgres_server.create_database()
