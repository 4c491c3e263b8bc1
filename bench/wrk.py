"""Drive one endpoint with wrk (a separate process, one thread, 16 connections) and parse it."""

import re
import subprocess
import tempfile
from dataclasses import dataclass

CONNECTIONS = 16
WARM_UP_SECONDS = 2
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}

# wrk's Lua: a fixed request, or a customer with a new phone number on every request.
FIXED = """
wrk.method = os.getenv("BENCH_METHOD")
wrk.body = os.getenv("BENCH_BODY")
local token = os.getenv("BENCH_TOKEN")
if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
if wrk.body ~= "" then wrk.headers["Content-Type"] = "application/json" end
"""
NEW_CUSTOMERS = """
local counter = tonumber(os.getenv("BENCH_PHONE_START"))
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
  ["Content-Type"] = "application/json",
}
request = function()
  counter = counter + 1
  local body = string.format(
    '{"first_name":"Bench","last_name":"Customer","phone":"+25471%07d"}', counter)
  return wrk.format("POST", nil, headers, body)
end
"""


@dataclass(frozen=True)
class Load:
    path: str
    method: str = "GET"
    body: str = ""
    token: str = ""
    script: str = FIXED
    phone_start: int = 0
    expected_status: int = 200


@dataclass(frozen=True)
class Result:
    requests: int
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int


def drive(base_url: str, load: Load, seconds: int) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(load.script)
        script.flush()
        command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
        command += ["-s", script.name, base_url + load.path]
        env = {
            "BENCH_METHOD": load.method,
            "BENCH_BODY": load.body,
            "BENCH_TOKEN": load.token,
            "BENCH_PHONE_START": str(load.phone_start),
            "PATH": "/usr/bin:/bin",
        }
        output = subprocess.run(  # noqa: S603 - wrk with arguments built here
            command, env=env, capture_output=True, text=True, check=True
        ).stdout
    return parse(output, load.expected_status)


def parse(output: str, expected_status: int) -> Result:
    requests = int(_find(r"(\d+) requests in", output))
    non_2xx = int(_find(r"Non-2xx or 3xx responses: (\d+)", output, "0"))
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    wrong = non_2xx if expected_status < 300 else requests - non_2xx
    return Result(
        requests=requests,
        rate=float(_find(r"Requests/sec:\s+([\d.]+)", output)),
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
        errors=wrong + socket_errors,
    )


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    return float(value) * _UNITS[unit]


def _find(pattern: str, output: str, default: str | None = None) -> str:
    match = re.search(pattern, output)
    if match is None:
        if default is None:
            raise ValueError(f"wrk output has no {pattern!r}:\n{output}")
        return default
    return match.group(1)
