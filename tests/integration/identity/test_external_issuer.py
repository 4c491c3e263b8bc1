"""An independent OpenID provider, started here on its own port, whose tokens the API trusts."""

import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from entrypoints.container import build_container
from entrypoints.http.app import close_databases, create_app
from entrypoints.settings import Settings
from tests.integration.identity.conftest import BASE_URL

AUDIENCE = "api://purchase"


@dataclass
class ExternalIssuer:
    issuer: str
    key: RSAKey

    def token(self, **overrides: Any) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": "auth0|42",
            "aud": AUDIENCE,
            "azp": "importer",
            "scope": "customers:read",
            "iat": now,
            "exp": now + 300,
        }
        claims.update(overrides)
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)


def _handler(issuer: ExternalIssuer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body: dict[str, Any]
            if self.path == "/.well-known/openid-configuration":
                body = {"issuer": issuer.issuer, "jwks_uri": f"{issuer.issuer}/keys"}
            elif self.path == "/keys":
                body = {"keys": [issuer.key.as_dict(private=False)]}
            else:
                self.send_error(404)
                return
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Quiet: the test output is not the place for an access log."""

    return Handler


@pytest.fixture(scope="module")
def external() -> Iterator[ExternalIssuer]:
    key = RSAKey.generate_key(2048, parameters={"kid": "external-1"}, private=True)
    issuer = ExternalIssuer(issuer="", key=key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(issuer))
    issuer.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield issuer
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
async def api(external: ExternalIssuer) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database_url="memory://",
        sms_backend="recording",
        trusted_issuers=f"{external.issuer}|{AUDIENCE}",
    )
    container = build_container(settings)
    transport = httpx.ASGITransport(app=create_app(container))  # type: ignore[arg-type]
    try:
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            yield client
    finally:
        await close_databases(container)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_accepts_a_token_from_the_trusted_external_issuer(
    api: httpx.AsyncClient, external: ExternalIssuer
) -> None:
    response = await api.get("/api/v1/customers", headers=_bearer(external.token()))

    assert response.status_code == 200


async def test_refuses_an_external_token_for_another_audience(
    api: httpx.AsyncClient, external: ExternalIssuer
) -> None:
    token = external.token(aud="api://someone-else")

    response = await api.get("/api/v1/customers", headers=_bearer(token))

    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_refuses_an_external_token_without_the_scope(
    api: httpx.AsyncClient, external: ExternalIssuer
) -> None:
    token = external.token(scope="orders:read")

    response = await api.get("/api/v1/customers", headers=_bearer(token))

    assert response.status_code == 403


async def test_refuses_a_token_forged_under_the_external_issuers_name(
    api: httpx.AsyncClient, external: ExternalIssuer
) -> None:
    impostor = RSAKey.generate_key(2048, parameters={"kid": "external-1"}, private=True)
    forged = ExternalIssuer(issuer=external.issuer, key=impostor).token()

    response = await api.get("/api/v1/customers", headers=_bearer(forged))

    assert response.status_code == 401


async def test_refuses_a_token_from_an_issuer_nobody_trusts(
    api: httpx.AsyncClient, external: ExternalIssuer
) -> None:
    stranger = ExternalIssuer(issuer="http://127.0.0.1:9", key=external.key).token()

    response = await api.get("/api/v1/customers", headers=_bearer(stranger))

    assert response.status_code == 401
