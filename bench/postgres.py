"""A throwaway PostgreSQL server for the benchmark, with production durability (fsync on)."""

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.server import free_port


def _binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - fixed programs


@contextmanager
def throwaway_postgres() -> Iterator[Callable[[str], str] | None]:
    """A function making a new database (name -> URL) on a fresh server, or ``None``."""
    bin_dir = _binaries()
    if bin_dir is None:
        yield None
        return
    home = Path(tempfile.mkdtemp(prefix="purchase-bench-pg-"))
    # initdb refuses root; run the server as the postgres account when we are root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if prefix:
        os.chown(home, pwd.getpwnam("postgres").pw_uid, -1)
    port = free_port()
    data = str(home / "data")
    _run([*prefix, str(bin_dir / "initdb"), "-D", data, "-U", "postgres", "--auth=trust"])
    options = f"-h 127.0.0.1 -p {port} -k {home} -c max_connections=100"
    _run([*prefix, str(bin_dir / "pg_ctl"), "-D", data, "-l", str(home / "log"), "-w",
          "-o", options, "start"])  # fmt: skip

    def create_database(name: str) -> str:
        _run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
              name])  # fmt: skip
        return f"postgresql://postgres@127.0.0.1:{port}/{name}"

    try:
        yield create_database
    finally:
        _run([*prefix, str(bin_dir / "pg_ctl"), "-D", data, "-m", "fast", "stop"])
        shutil.rmtree(home, ignore_errors=True)
