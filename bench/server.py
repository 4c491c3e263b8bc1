"""Start the API as the README does (granian, N workers) and watch its workers' memory."""

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    pid: int

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(child) for child in children]

    def peak_worker_rss_mb(self) -> float:
        """The largest peak resident set (VmHWM) of any worker, in MiB."""
        peaks = [_vm_hwm_kib(pid) for pid in self.worker_pids()]
        return max(peaks, default=0) / 1024


def _vm_hwm_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str], workers: int, log_file: Path) -> Iterator[RunningServer]:
    """`purchase serve` with the bench app factory; its JSON log goes to ``log_file``."""
    port = free_port()
    code = (
        "from entrypoints.http.serve import serve;"
        f"serve(host='127.0.0.1', port={port}, workers={workers},"
        " target='bench.app:create_bench_app')"
    )
    process = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=os.environ | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if process.stdout is None:
        raise RuntimeError("no pipe to the server's output")
    started = 0
    with log_file.open("w") as log:
        for line in process.stdout:
            log.write(line)
            started += "Started worker-" in line
            if started == workers:
                break
        else:
            raise RuntimeError(f"the server exited with {process.wait()}; see {log_file}")
        drain = threading.Thread(target=_copy, args=(process.stdout, log), daemon=True)
        drain.start()
        try:
            yield RunningServer(base_url=f"http://127.0.0.1:{port}", pid=process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
            drain.join(timeout=10)


def _copy(source: IO[str], target: IO[str]) -> None:
    for line in source:
        target.write(line)
