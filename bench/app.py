"""The production app plus a bare "hello" route, the ceiling every row is compared with."""

from litestar import Litestar, get

from entrypoints.http.app import create_app


@get("/hello", sync_to_thread=False, include_in_schema=False)
def hello() -> dict[str, str]:
    return {"hello": "world"}


def create_bench_app() -> Litestar:
    return create_app(extra_routes=[hello])
