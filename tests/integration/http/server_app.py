"""The app the HTTP tests serve: the real one, with a token verifier holding test tokens."""

from dependency_injector import providers
from litestar import Litestar

from adapters.memory.tokens import StaticTokenVerifier
from domain.identity import Principal
from entrypoints.container import build_container
from entrypoints.http.app import create_app

RESOURCES = ("customers", "items", "orders")
ALL_SCOPES = frozenset(
    f"{resource}:{access}" for resource in RESOURCES for access in ("read", "write")
)


def principal(subject: str, scopes: frozenset[str]) -> Principal:
    return Principal(subject=subject, client_id="tests", scopes=scopes, issuer="urn:tests")


TOKENS = {
    "staff-token": principal("staff", ALL_SCOPES),
    "other-staff-token": principal("other-staff", ALL_SCOPES),
    "reader-token": principal("reader", frozenset(f"{r}:read" for r in RESOURCES)),
}


def create_test_app() -> Litestar:
    container = build_container()
    container.token_verifier.override(providers.Object(StaticTokenVerifier(TOKENS)))
    return create_app(container)
