"""The app the HTTP tests serve: the real one, its JWT verifier trusting the tests' key.

The key's public half arrives in ``PURCHASE_TEST_SIGNING_JWK``; the tests sign tokens
with the private half, so every request goes through real RS256 verification.
"""

import json
import os

from dependency_injector import providers
from joserfc.jwk import KeySet
from litestar import Litestar, get

from adapters.identity.verifier import StaticKeySource
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from tests.integration.http.tokens import PUBLIC_KEY_VARIABLE
from tests.integration.processes import exit_with_parent


@get("/faults/unhandled", sync_to_thread=False, include_in_schema=False)
def unhandled_fault() -> None:
    """A route that fails the way a bug would, to check what the API answers and logs."""
    raise RuntimeError("a fault the tests inject")


def create_test_app() -> Litestar:
    exit_with_parent()
    container = build_container()
    keys = KeySet.import_key_set({"keys": [json.loads(os.environ[PUBLIC_KEY_VARIABLE])]})
    container.key_ring.override(providers.Object(StaticKeySource(keys)))
    return create_app(container, extra_routes=[unhandled_fault])
