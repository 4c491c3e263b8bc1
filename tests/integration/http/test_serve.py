"""`purchase serve` as a new user runs it: no configuration, a fresh directory, 2 workers."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.integration.processes import free_port, start_child, stop

PURCHASE = str(Path(sys.executable).with_name("purchase"))
WORKERS = 2


@contextmanager
def purchase_serve(directory: Path) -> Iterator[tuple[str, list[str]]]:
    """Yield the base URL and the output so far; on exit, stop and collect the rest."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("PURCHASE_")}
    command = [PURCHASE, "serve", "--port", str(port), "--workers", str(WORKERS)]
    process = start_child(
        command, cwd=directory, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output: list[str] = []
    for line in process.stdout:
        output.append(line)
        if sum("Started worker-" in seen for seen in output) == WORKERS:
            break
    else:
        pytest.fail(f"purchase serve exited with {process.wait()}:\n{''.join(output)}")
    try:
        yield f"http://127.0.0.1:{port}", output
    finally:
        process.terminate()
        output.extend(process.stdout)
        stop(process)
        process.stdout.close()


def test_serves_a_migrated_sqlite_file_with_no_configuration(tmp_path: Path) -> None:
    with purchase_serve(tmp_path) as (base_url, _):
        response = httpx.get(f"{base_url}/health/ready")

    assert response.status_code == 200
    assert (tmp_path / "purchase.db").is_file()


def test_logs_one_json_line_per_request_whichever_worker_served_it(tmp_path: Path) -> None:
    ids = [f"probe-{n}" for n in range(8)]

    with purchase_serve(tmp_path) as (base_url, output):
        for request_id in ids:
            httpx.get(f"{base_url}/api/v1/orders", headers={"X-Request-ID": request_id})

    lines = [json.loads(line) for line in output if line.startswith("{")]
    requests = [line for line in lines if line["event"] == "http_request"]
    assert sorted(line["request_id"] for line in requests) == ids
    assert {(line["method"], line["status"]) for line in requests} == {("GET", 401)}
