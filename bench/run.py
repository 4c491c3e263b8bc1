"""Load benchmark of the HTTP API; writes its tables into docs/benchmarks.md.

    .venv/bin/python -m bench.run [--seconds 8] [--only sqlite-2]

Each configuration starts the server as the README does (`purchase serve`, production
settings: JSON logs, console SMS with the in-process dispatcher) on a fresh database,
then drives each row with wrk from a separate process: one thread, 16 connections, a
2-second warm-up, then the measured run. Needs wrk (scripts/system-deps.sh installs it).
"""

import argparse
import asyncio
import tempfile
from pathlib import Path

from adapters.sql.migrate import upgrade_database
from bench.postgres import throwaway_postgres
from bench.report import Row, write_doc
from bench.seed import Fixtures, prepare, top_up_customers
from bench.server import RunningServer, serving
from bench.tokens import mint_token
from bench.wrk import NEW_CUSTOMERS, WARM_UP_SECONDS, Load, drive

STORED_CUSTOMERS = 10_000


def loads(fixtures: Fixtures) -> list[tuple[str, Load]]:
    token = fixtures.token
    order = (
        f'{{"customer_id":"{fixtures.customer_id}","item_id":"{fixtures.item_id}","quantity":2}}'
    )
    return [
        ("bare hello route (ceiling)", Load("/hello")),
        ("401, no token", Load("/api/v1/customers", expected_status=401)),
        ("POST /api/v1/customers", Load("/api/v1/customers", script=NEW_CUSTOMERS, token=token)),
        ("POST /api/v1/orders (+ outbox row)", Load("/api/v1/orders", "POST", order, token)),
        ("GET /api/v1/orders/{id}", Load(f"/api/v1/orders/{fixtures.order_id}", token=token)),
        (
            f"GET /api/v1/customers?limit=50 ({STORED_CUSTOMERS:,} stored)",
            Load("/api/v1/customers?limit=50", token=token),
        ),
    ]


def measure(server: RunningServer, fixtures: Fixtures, seconds: int) -> list[Row]:
    rows = []
    for phone_block, (name, load) in enumerate(loads(fixtures)):
        if name.startswith("GET /api/v1/customers"):
            asyncio.run(top_up_customers(server.base_url, fixtures.token, STORED_CUSTOMERS))
        warm = Load(**{**load.__dict__, "phone_start": phone_block * 2_000_000})
        drive(server.base_url, warm, WARM_UP_SECONDS)
        measured = Load(**{**load.__dict__, "phone_start": phone_block * 2_000_000 + 1_000_000})
        result = drive(server.base_url, measured, seconds)
        rows.append(Row(name=name, result=result, rss_mb=server.peak_worker_rss_mb()))
        print(f"  {name}: {result.rate:,.0f} req/s, p99 {result.p99_ms:.1f} ms", flush=True)  # noqa: T201
    return rows


def run_configuration(database_url: str, workers: int, seconds: int, logs: Path) -> list[Row]:
    env = {
        "PURCHASE_DATABASE_URL": database_url,
        "PURCHASE_SMS_BACKEND": "console",
        "PURCHASE_LOG_FORMAT": "json",
    }
    if database_url.startswith("postgresql"):
        asyncio.run(upgrade_database(database_url))
    with serving(env, workers, logs) as server:
        token = asyncio.run(mint_token(env))
        fixtures = prepare(server.base_url, token)
        return measure(server, fixtures, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--only", help="one configuration, e.g. sqlite-2 or postgresql-1")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    options = parser.parse_args()
    results: dict[str, list[Row]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="purchase-bench-") as scratch,
        throwaway_postgres() as pg,
    ):
        for kind, workers in [("sqlite", 2), ("sqlite", 1), ("postgresql", 2), ("postgresql", 1)]:
            name = f"{kind}-{workers}"
            if options.only and options.only != name:
                continue
            if kind == "sqlite":
                url = f"sqlite:///{scratch}/{name}.db"
            elif pg is not None:
                url = pg(name.replace("-", "_"))
            else:
                print(f"{name}: PostgreSQL is not installed; skipped")  # noqa: T201
                continue
            print(f"{name}:", flush=True)  # noqa: T201
            log = Path(scratch) / f"{name}.log"
            results[name] = run_configuration(url, workers, options.seconds, log)
    if not options.no_write:
        write_doc(results, options.seconds)


if __name__ == "__main__":
    main()
