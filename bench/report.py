"""The benchmark's tables, written between markers in docs/benchmarks.md."""

import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.wrk import CONNECTIONS, WARM_UP_SECONDS, Result

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
RSS_LIMIT_MB = 150


@dataclass(frozen=True)
class Row:
    name: str
    result: Result
    rss_mb: float


def table(title: str, rows: list[Row]) -> str:
    ceiling = rows[0].result.rate
    lines = [
        f"### {title}",
        "",
        "| request | req/s | p50 ms | p99 ms | errors | peak worker RSS MiB | ratio to hello |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        r = row.result
        lines.append(
            f"| {row.name} | {r.rate:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | {r.errors} "
            f"| {row.rss_mb:.0f} | {r.rate / ceiling:.2f} |"
        )
    return "\n".join(lines)


def targets(results: dict[str, list[Row]]) -> str:
    """The issue's targets against the SQLite, 2-worker configuration (the README's)."""
    rows = {row.name.split(" (")[0].split("?")[0]: row for row in results.get("sqlite-2", [])}
    if not rows:
        return ""
    hello, orders = rows["bare hello route"].result, rows["POST /api/v1/orders"].result
    listing = next(row.result for name, row in rows.items() if name.startswith("GET /api/v1/cus"))
    peak = max(row.rss_mb for config in results.values() for row in config)
    checks = [
        ("POST orders >= 2,500 req/s", f"{orders.rate:,.0f} req/s", orders.rate >= 2500),
        ("POST orders p99 < 25 ms", f"{orders.p99_ms:.0f} ms", orders.p99_ms < 25),
        ("list of 50 >= 3,000 req/s", f"{listing.rate:,.0f} req/s", listing.rate >= 3000),
        (
            "POST orders >= 0.2 of the bare route",
            f"{orders.rate / hello.rate:.2f}",
            orders.rate >= 0.2 * hello.rate,
        ),
        ("worker RSS < 150 MB", f"{peak:.0f} MiB (any configuration)", peak < RSS_LIMIT_MB),
    ]
    lines = ["### Targets (SQLite, 2 workers)", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {target} | {value} | {'yes' if met else 'no'} |" for target, value, met in checks]
    return "\n".join(lines)


def write_doc(results: dict[str, list[Row]], seconds: int) -> None:
    header = (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_cpu_model()}, Python "
        f"{platform.python_version()}; wrk -t1 -c{CONNECTIONS}, {seconds} s per row after a "
        f"{WARM_UP_SECONDS} s warm-up. Regenerate with `make bench`."
    )
    sections = [table(_title(name), rows) for name, rows in results.items()]
    generated = "\n\n".join(part for part in [header, targets(results), *sections] if part)
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{START}\n{generated}\n{END}{after}")


def _title(name: str) -> str:
    kind, workers = name.rsplit("-", 1)
    return f"{kind}, {workers} worker{'s' if workers != '1' else ''}"


def _cpu_model() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cores = sum(line.startswith("processor") for line in lines)
    model = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), None)
    return f"{model or platform.machine()} ({cores} cores)"
