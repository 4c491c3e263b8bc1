"""Over a real socket, with a client nobody on this project wrote: authlib's own.

Its requests-based session: authlib 1.9 deprecates its httpx integration in favour of httpx2.
"""

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.integration.identity.flow import PASSWORD, REDIRECT_URI
from tests.integration.identity.live import LiveProvider, live_provider, running_app
from tests.integration.processes import free_port


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveProvider]:
    with live_provider(tmp_path_factory.mktemp("live")) as provider:
        yield provider


def _browse_to_callback(authorization_url: str) -> str:
    """Be the user: sign in, approve, and return the URL the browser is sent back to."""
    with httpx.Client(timeout=10) as browser:
        to_login = browser.get(authorization_url)
        assert to_login.status_code == 303
        login_page = browser.get(str(to_login.next_request.url) if to_login.next_request else "")
        form = {
            "username": "amina",
            "password": PASSWORD,
            "csrf_token": browser.cookies["purchase_csrf"],
            "next": httpx.URL(str(login_page.url)).params["next"],
        }
        back = browser.post(str(login_page.url.copy_with(query=None)), data=form)
        consent = browser.get(back.next_request.url if back.next_request else "")
        assert consent.status_code == 200, consent.text
        approve = {"csrf_token": browser.cookies["purchase_csrf"], "decision": "approve"}
        answer = browser.post(str(consent.url), data=approve)
        assert answer.status_code == 302, answer.text
        location: str = answer.headers["location"]
        return location


def _metadata(live: LiveProvider) -> dict[str, Any]:
    document: dict[str, Any] = httpx.get(f"{live.base_url}/.well-known/openid-configuration").json()
    return document


def test_authlib_client_completes_discovery_code_flow_id_token_check_and_refresh(
    live: LiveProvider,
) -> None:
    metadata = _metadata(live)
    client = OAuth2Session(
        client_id=live.web_app.client_id,
        client_secret=live.web_app.client_secret,
        scope="openid profile email customers:read",
        redirect_uri=REDIRECT_URI,
        code_challenge_method="S256",
    )
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )

    callback = _browse_to_callback(url)
    token = client.fetch_token(
        metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    keys = KeySet.import_key_set(httpx.get(metadata["jwks_uri"]).json())
    id_token = jwt.decode(token["id_token"], keys, algorithms=["RS256"])
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": live.issuer},
        aud={"essential": True, "value": live.web_app.client_id},
        nonce={"essential": True, "value": nonce},
        sub={"essential": True},
        exp={"essential": True},
    ).validate(id_token.claims)
    customers = client.get(f"{live.base_url}/api/v1/customers")
    refreshed = client.refresh_token(metadata["token_endpoint"])
    client.close()

    assert metadata["issuer"] == live.issuer
    assert httpx.URL(callback).params["iss"] == live.issuer
    assert httpx.URL(callback).params["state"] == state
    assert customers.status_code == 200
    assert refreshed["access_token"] != token["access_token"]
    assert refreshed["refresh_token"] != token["refresh_token"]


def test_a_token_issued_before_a_restart_still_verifies_after_it(tmp_path: Path) -> None:
    with live_provider(tmp_path) as live:
        web_app = live.web_app
        assert web_app.client_secret is not None
        issued = httpx.post(
            f"{live.base_url}/oauth/token",
            data={"grant_type": "client_credentials", "scope": "customers:read"},
            auth=(web_app.client_id, web_app.client_secret),
        )
        database_url = f"sqlite:///{tmp_path / 'purchase.db'}"
        issuer = live.issuer
    token = issued.json()["access_token"]

    with running_app(database_url, issuer, free_port()) as restarted:
        answer = httpx.get(
            f"{restarted}/api/v1/customers", headers={"Authorization": f"Bearer {token}"}
        )

    assert issued.status_code == 200
    assert answer.status_code == 200
